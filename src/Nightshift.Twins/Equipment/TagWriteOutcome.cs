namespace Nightshift.Twins.Equipment;

/// <summary>How a write through an equipment twin ended.</summary>
public enum TagWriteOutcome
{
    /// <summary>The device took the write and reported the written value back within the confirmation time.</summary>
    Confirmed,

    /// <summary>The device took the write but did not report the written value back in time (see the read-back value).</summary>
    NotConfirmed,

    /// <summary>The write did not reach the device, or the device refused it (see the error).</summary>
    Refused,
}
