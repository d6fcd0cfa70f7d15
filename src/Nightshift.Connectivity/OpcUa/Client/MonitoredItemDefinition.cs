using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// A value to monitor: the node (and attribute), the sampling interval in ms (-1 = the publishing interval), the server
/// queue size, an optional data-change filter (absolute or percent deadband), and a name of the caller's choosing
/// (e.g. the tag it feeds). Immutable and thread-safe.
/// </summary>
public sealed record MonitoredItemDefinition(NodeId NodeId)
{
    public string? Name { get; init; }

    public uint AttributeId { get; init; } = Services.AttributeId.Value;

    public double SamplingIntervalMs { get; init; } = -1;

    public uint QueueSize { get; init; } = 1;

    public DataChangeFilter? Filter { get; init; }
}
