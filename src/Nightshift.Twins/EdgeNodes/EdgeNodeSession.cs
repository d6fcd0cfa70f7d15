namespace Nightshift.Twins.EdgeNodes;

/// <summary>
/// The Sparkplug session of one edge node as the primary host last saw it: birth/death sequence (bdSeq),
/// the last message sequence number, the metrics (with aliases) of the node and its devices.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record EdgeNodeSession(
    [property: Id(0)] string GroupId,
    [property: Id(1)] string EdgeNodeId,
    [property: Id(2)] long? BdSeq,
    [property: Id(3)] int LastSeq,
    [property: Id(4)] bool Online,
    [property: Id(5)] DateTime? BirthTime,
    [property: Id(6)] IReadOnlyList<MetricInfo> NodeMetrics,
    [property: Id(7)] IReadOnlyList<DeviceSession> Devices);
