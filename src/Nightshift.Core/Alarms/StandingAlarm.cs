namespace Nightshift.Core.Alarms;

/// <summary>An alarm in an active state (unacknowledged or acknowledged) without a break since <see cref="Since"/> (UTC) for longer than <see cref="AlarmKpis.StandingAfter"/>. Immutable.</summary>
public sealed record StandingAlarm(string AlarmId, DateTime Since, TimeSpan Duration, AlarmPriority Priority);
