namespace Nightshift.Core.Alarms;

/// <summary>
/// The state of one alarm as ISA-18.2 / IEC 62682 name it (the letters of the standard's state diagram).
/// <see cref="Normal"/> to <see cref="UnackRtn"/> are annunciated states; the last three are the states in which
/// the alarm is hidden from the operator while its process condition is still tracked.
/// When several of those apply at once, the one shown is the strongest: out of service, then suppressed by design, then shelved.
/// </summary>
public enum AlarmState
{
    /// <summary>A: the process is normal and nothing waits for the operator.</summary>
    Normal,

    /// <summary>B: the alarm is active and not yet acknowledged (also a latched alarm whose condition cleared, until acknowledged).</summary>
    UnackActive,

    /// <summary>C: the alarm is active and acknowledged (also an acknowledged latched alarm waiting for its reset).</summary>
    AckActive,

    /// <summary>D: the process returned to normal before the operator acknowledged the alarm.</summary>
    UnackRtn,

    /// <summary>E: shelved by an operator for a limited time.</summary>
    Shelved,

    /// <summary>F: suppressed by design, by logic of the plant (e.g. while the equipment is Down or in Changeover).</summary>
    SuppressedByDesign,

    /// <summary>G: removed from service (maintenance of the instrument or the equipment).</summary>
    OutOfService,
}
