namespace Nightshift.Server.Alarms;

/// <summary>What <see cref="AlarmService.Changed"/> reports: the tenant whose alarms went through a transition. Immutable.</summary>
public sealed class AlarmsChangedEventArgs(string tenant) : EventArgs
{
    /// <summary>The tenant whose alarms changed.</summary>
    public string Tenant { get; } = tenant;
}
