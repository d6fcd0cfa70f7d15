namespace Nightshift.Connectivity.Sparkplug;

/// <summary>The live state of one device of an edge node (host side). Guarded by its node session's lock.</summary>
internal sealed class SparkplugDeviceSession
{
    public SparkplugDeviceSession(string deviceId) => DeviceId = deviceId;

    public string DeviceId { get; }

    public bool Online { get; set; }

    public SparkplugMetricTable Metrics { get; } = new();
}
