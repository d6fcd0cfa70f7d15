namespace Nightshift.Twins.Equipment;

/// <summary>The persisted state of an equipment twin. Mutated only by its grain.</summary>
[GenerateSerializer]
public sealed class EquipmentTwinState
{
    [Id(0)]
    public Dictionary<string, TagValue> Tags { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The current state of the state model (e.g. Running), or null before the first report.</summary>
    [Id(1)]
    public string? State { get; set; }

    [Id(2)]
    public DateTime StateSince { get; set; }

    [Id(3)]
    public bool Online { get; set; }

    /// <summary>Samples received since the twin was created.</summary>
    [Id(4)]
    public long SamplesReceived { get; set; }

    [Id(5)]
    public long StateChanges { get; set; }

    [Id(6)]
    public DateTime LastUpdate { get; set; }

    /// <summary>The state before the source went offline, restored when data flows again.</summary>
    [Id(7)]
    public string? StateBeforeOffline { get; set; }
}
