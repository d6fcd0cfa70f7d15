namespace Nightshift.Twins.EdgeNodes;

/// <summary>A device behind an edge node: whether it is online and the metrics of its last birth.</summary>
[GenerateSerializer]
[Immutable]
public sealed record DeviceSession(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] bool Online,
    [property: Id(2)] IReadOnlyList<MetricInfo> Metrics);
