using Nightshift.Core.Assets;
using Nightshift.Server.Ingest;
using Nightshift.Twins;
using Nightshift.Twins.Equipment;

namespace Nightshift.Server.Twins;

/// <summary>Reads the live twins of a tenant's equipment. Thread-safe.</summary>
public sealed class TwinQueries
{
    private readonly IGrainFactory _grains;
    private readonly PlantCatalog _catalog;

    public TwinQueries(IGrainFactory grains, PlantCatalog catalog)
    {
        _grains = grains;
        _catalog = catalog;
    }

    public Task<EquipmentSnapshot> GetEquipmentAsync(string tenant, AssetPath equipment)
    {
        ArgumentNullException.ThrowIfNull(equipment);
        return _grains.GetGrain<IEquipmentGrain>(TwinKeys.Equipment(tenant, equipment.Value)).GetSnapshotAsync();
    }

    /// <summary>Snapshots of every equipment at or under <paramref name="under"/>, in path order.</summary>
    public async Task<IReadOnlyList<EquipmentSnapshot>> GetEquipmentUnderAsync(string tenant, AssetPath under, CancellationToken cancellationToken)
    {
        var model = _catalog.Get(tenant);
        if (model is null)
        {
            return [];
        }

        var equipment = model.Equipment.Where(e => e.Path.IsAtOrUnder(under)).OrderBy(e => e.Path.Value, StringComparer.Ordinal).ToList();
        var snapshots = await Task.WhenAll(equipment.Select(e => GetEquipmentAsync(tenant, e.Path))).WaitAsync(cancellationToken);
        return snapshots;
    }
}
