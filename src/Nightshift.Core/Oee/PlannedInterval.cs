namespace Nightshift.Core.Oee;

/// <summary>
/// One planned stretch of time [<see cref="Start"/>, <see cref="End"/>) (UTC) of a shift: busy (planned to produce)
/// or a planned break. Immutable.
/// </summary>
public sealed record PlannedInterval(string Shift, DateTime Start, DateTime End, PlannedIntervalKind Kind = PlannedIntervalKind.Busy)
{
    /// <summary>The length of the interval.</summary>
    public TimeSpan Duration => End - Start;
}
