using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// A monitored item as it lives on the server: its definition, the client handle that tags its notifications, and what
/// the server made of it (id, status, revised sampling interval and queue size; these change when the item is re-created
/// after a reconnection). Thread-safe for reading.
/// </summary>
public sealed class OpcUaMonitoredItem
{
    internal OpcUaMonitoredItem(MonitoredItemDefinition definition, uint clientHandle)
    {
        Definition = definition;
        ClientHandle = clientHandle;
    }

    public MonitoredItemDefinition Definition { get; }

    public NodeId NodeId => Definition.NodeId;

    public string? Name => Definition.Name;

    public uint ClientHandle { get; }

    public uint ServerId { get; internal set; }

    /// <summary>The result of the last creation; a bad status means the server refused the item (e.g. BadNodeIdUnknown).</summary>
    public StatusCode Status { get; internal set; } = new(0x80320000);

    public double RevisedSamplingIntervalMs { get; internal set; }

    public uint RevisedQueueSize { get; internal set; }

    /// <summary>The last value delivered to the callback; used to drop a re-sent initial value after re-creation.</summary>
    internal DataValue? LastDelivered { get; set; }

    public override string ToString() => $"{Name ?? NodeId.ToString()} ({ClientHandle})";
}
