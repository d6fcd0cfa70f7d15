namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>Which changes of a monitored value are reported (Part 4, 7.22.2).</summary>
public enum DataChangeTrigger
{
    Status = 0,
    StatusValue = 1,
    StatusValueTimestamp = 2,
}
