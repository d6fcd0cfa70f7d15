using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>The server's answer for one monitored item (Part 4, 5.12.2.2). Immutable and thread-safe.</summary>
public sealed record MonitoredItemCreateResult(StatusCode Status, uint MonitoredItemId, double RevisedSamplingIntervalMs, uint RevisedQueueSize)
{
    internal static MonitoredItemCreateResult Read(ref OpcUaBinaryReader reader)
    {
        var result = new MonitoredItemCreateResult(reader.ReadStatusCode(), reader.ReadUInt32(), reader.ReadDouble(), reader.ReadUInt32());
        reader.ReadExtensionObject();
        return result;
    }
}
