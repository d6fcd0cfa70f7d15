namespace Nightshift.Twins.EdgeNodes;

/// <summary>A metric an edge node or device declared in its birth certificate.</summary>
[GenerateSerializer]
[Immutable]
public sealed record MetricInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] ulong? Alias,
    [property: Id(2)] int DataType,
    [property: Id(3)] string? Unit);
