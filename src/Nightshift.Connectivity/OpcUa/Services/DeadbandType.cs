namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>How a data-change filter's deadband is measured (Part 4, 7.22.2).</summary>
public enum DeadbandType
{
    /// <summary>Every change is reported.</summary>
    None = 0,

    /// <summary>A change smaller than the deadband value (in the value's unit) is not reported.</summary>
    Absolute = 1,

    /// <summary>A change smaller than the deadband value in percent of the variable's EURange is not reported.</summary>
    Percent = 2,
}
