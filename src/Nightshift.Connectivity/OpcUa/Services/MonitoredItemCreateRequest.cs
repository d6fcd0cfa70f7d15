using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// One monitored item to create (Part 4, 7.21 and 5.12.2): the attribute, the client handle that tags its notifications,
/// the sampling interval (ms; -1 = the publishing interval), the queue size, and an optional data-change filter.
/// Immutable and thread-safe.
/// </summary>
public sealed record MonitoredItemCreateRequest(ReadValueId ItemToMonitor, uint ClientHandle, double SamplingIntervalMs, uint QueueSize, DataChangeFilter? Filter, bool DiscardOldest = true)
{
    internal void Write(OpcUaBinaryWriter writer)
    {
        ItemToMonitor.Write(writer);
        writer.WriteInt32(2);
        writer.WriteUInt32(ClientHandle);
        writer.WriteDouble(SamplingIntervalMs);
        writer.WriteExtensionObject(Filter?.ToExtensionObject() ?? ExtensionObject.Null);
        writer.WriteUInt32(QueueSize);
        writer.WriteBoolean(DiscardOldest);
    }
}
