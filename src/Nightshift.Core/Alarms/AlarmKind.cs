namespace Nightshift.Core.Alarms;

/// <summary>What an <see cref="AlarmDefinition"/> watches on its tag.</summary>
public enum AlarmKind
{
    /// <summary>Active when the value is at or above the limit (HI).</summary>
    High,

    /// <summary>Active when the value is at or above the limit (HIHI, a second, more severe high limit).</summary>
    HighHigh,

    /// <summary>Active when the value is at or below the limit (LO).</summary>
    Low,

    /// <summary>Active when the value is at or below the limit (LOLO).</summary>
    LowLow,

    /// <summary>Active when the magnitude of the rate of change, in units per minute over a window, reaches the limit.</summary>
    RateOfChange,

    /// <summary>Active when the magnitude of the difference to the latest setpoint sample reaches the limit.</summary>
    Deviation,

    /// <summary>Active when the value equals one of a set of values (a digital tag's value or a state name).</summary>
    Digital,

    /// <summary>Active when no usable sample arrived for a given time.</summary>
    Stale,

    /// <summary>Active while the latest sample has Bad quality (communication loss, device failure).</summary>
    CommunicationLoss,
}
