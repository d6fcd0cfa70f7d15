using Nightshift.Core.Oee;
using Nightshift.Core.Plant;

namespace Nightshift.Core.Assets;

/// <summary>
/// A tenant's plant: its asset types and its sites with everything under them. Immutable; a change
/// produces a new model. Thread-safe.
/// </summary>
public sealed class PlantModel
{
    private readonly Dictionary<string, AssetNode> _byPath;
    private readonly Dictionary<string, AssetNode> _bySource;

    public PlantModel(string tenant, IReadOnlyList<AssetType> types, IReadOnlyList<AssetNode> sites)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(sites);
        Tenant = tenant;
        Types = types;
        Sites = sites;
        _byPath = sites.SelectMany(s => s.DescendantsAndSelf()).ToDictionary(n => n.Path.Value, StringComparer.Ordinal);
        _bySource = _byPath.Values.Where(n => n.Source is not null).ToDictionary(n => n.Source!, StringComparer.Ordinal);
    }

    public string Tenant { get; }

    public IReadOnlyList<AssetType> Types { get; }

    public IReadOnlyList<AssetNode> Sites { get; }

    /// <summary>The products with their ideal cycle times and the shifts of the sites, from the plant file.</summary>
    public ProductionSettings Production { get; init; } = ProductionSettings.Empty;

    /// <summary>How long the history of each tag class is kept (plant file <c>retention:</c>), by class name.</summary>
    public IReadOnlyDictionary<string, HistoryRetention> Retention { get; init; } = new Dictionary<string, HistoryRetention>(StringComparer.Ordinal);

    /// <summary>The connectors declared in the plant file, as JSON connector documents (checked by the server).</summary>
    public IReadOnlyList<PlantConnector> Connectors { get; init; } = [];

    public IEnumerable<AssetNode> Equipment => _byPath.Values.Where(n => n.Kind == AssetKind.Equipment);

    public AssetNode? Find(AssetPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _byPath.GetValueOrDefault(path.Value);
    }

    /// <summary>The equipment bound to a data source address, if any.</summary>
    public AssetNode? FindBySource(string source) => _bySource.GetValueOrDefault(source);

    public AssetType? FindType(string? name) =>
        name is null ? null : Types.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>The site that contains <paramref name="path"/>, or null.</summary>
    public AssetNode? SiteOf(AssetPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Depth == 0 ? null : _byPath.GetValueOrDefault(path.Segments[0]);
    }
}
