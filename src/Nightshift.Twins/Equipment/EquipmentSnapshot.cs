namespace Nightshift.Twins.Equipment;

/// <summary>A copy of an equipment twin at one instant, for queries and the UI.</summary>
[GenerateSerializer]
[Immutable]
public sealed record EquipmentSnapshot(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Path,
    [property: Id(2)] IReadOnlyDictionary<string, TagValue> Tags,
    [property: Id(3)] string? State,
    [property: Id(4)] DateTime StateSince,
    [property: Id(5)] bool Online,
    [property: Id(6)] long SamplesReceived,
    [property: Id(7)] long StateChanges,
    [property: Id(8)] DateTime LastUpdate);
