namespace Nightshift.Core.Alarms;

/// <summary>Why an <see cref="AlarmStateMachine"/> refused a transition.</summary>
public enum AlarmError
{
    None,

    /// <summary>Activate while the condition is already active.</summary>
    AlreadyActive,

    /// <summary>Return while the condition is not active.</summary>
    NotActive,

    /// <summary>Acknowledge while the alarm is normal: nothing waits for an acknowledgement.</summary>
    NothingToAcknowledge,

    /// <summary>Acknowledge while the alarm is active and already acknowledged.</summary>
    AlreadyAcknowledged,

    /// <summary>Acknowledge or reset while the alarm is shelved, suppressed by design or out of service.</summary>
    NotAnnunciated,
    AlreadyShelved,
    NotShelved,
    AlreadySuppressed,
    NotSuppressed,
    AlreadyOutOfService,
    NotOutOfService,

    /// <summary>Reset of an alarm that does not latch.</summary>
    NotLatching,

    /// <summary>Reset of a latched alarm whose condition is still active.</summary>
    ConditionStillActive,

    /// <summary>Reset of a latched alarm that was not acknowledged yet.</summary>
    NotAcknowledged,

    /// <summary>Reset of a latching alarm that is normal.</summary>
    NothingToReset,

    /// <summary>A missing name, reason or comment, or a shelve that would end in the past.</summary>
    InvalidArgument,
}
