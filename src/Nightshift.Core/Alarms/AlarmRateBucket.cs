namespace Nightshift.Core.Alarms;

/// <summary>The annunciations at one operator position in one 10-minute interval starting at <see cref="Start"/> (UTC). Immutable.</summary>
public sealed record AlarmRateBucket(string Position, DateTime Start, int Count)
{
    /// <summary>More than <see cref="AlarmKpis.FloodThreshold"/> annunciations in the interval (ISA-18.2 alarm flood).</summary>
    public bool IsFlood => Count > AlarmKpis.FloodThreshold;
}
