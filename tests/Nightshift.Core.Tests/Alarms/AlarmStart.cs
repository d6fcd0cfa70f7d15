namespace Nightshift.Core.Tests.Alarms;

/// <summary>A state to drive an alarm into before a transition is tried; "Active"/"Clear" name the process condition.</summary>
public enum AlarmStart
{
    Normal,
    UnackActive,
    AckActive,
    UnackRtn,
    ShelvedActive,
    ShelvedClear,
    SuppressedActive,
    SuppressedClear,
    OutOfServiceActive,
    OutOfServiceClear,
    LatchedUnackClear,
    LatchedAckClear,
}
