namespace Nightshift.Core.Alarms;

/// <summary>
/// One transition of one alarm: when (UTC), which alarm, what caused it, the state before and after, who did it
/// ("system" for the process and the plant logic) and the operator's comment or reason. Immutable and thread-safe.
/// A transition that leaves the state as it was (a comment, a process change while the alarm is hidden) has
/// <see cref="From"/> equal to <see cref="To"/>.
/// </summary>
public sealed record AlarmEvent(DateTime Timestamp, string AlarmId, AlarmAction Action, AlarmState From, AlarmState To, string Who, string? Comment = null)
{
    /// <summary>The priority of the alarm's definition at the time of the event.</summary>
    public AlarmPriority Priority { get; init; } = AlarmPriority.Medium;

    /// <summary>The operator position (console) the alarm is routed to.</summary>
    public string Position { get; init; } = AlarmDefinition.DefaultPosition;

    /// <summary>The class of the alarm's definition (routing, reports), e.g. <c>process</c>.</summary>
    public string Class { get; init; } = "process";

    /// <summary>Whether the process condition was active after the event.</summary>
    public bool ConditionActive { get; init; }

    /// <summary>For a shelve: when it ends (UTC).</summary>
    public DateTime? ShelvedUntil { get; init; }

    /// <summary>True when the event puts the alarm in front of the operator as a new unacknowledged alarm (an annunciation).</summary>
    public bool IsAnnunciation => To == AlarmState.UnackActive && From != AlarmState.UnackActive;
}
