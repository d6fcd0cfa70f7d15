using System.Collections.Concurrent;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;

namespace Nightshift.Server.Ingest;

/// <summary>
/// The asset model of every tenant: the plant loaded from its plant files, plus equipment discovered from
/// sources that no plant file binds (e.g. a new Sparkplug edge node), with types made from their births.
/// Readers get immutable snapshots; discovery rebuilds the snapshot. Thread-safe.
/// </summary>
public sealed class PlantCatalog
{
    private readonly ConcurrentDictionary<string, TenantCatalog> _tenants = new(StringComparer.Ordinal);

    /// <summary>Sets the plant of a tenant (from its plant file), keeping discovered equipment.</summary>
    public void SetPlant(PlantModel plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var catalog = _tenants.GetOrAdd(plant.Tenant, t => new TenantCatalog(t));
        catalog.SetPlant(plant);
    }

    public IReadOnlyCollection<string> Tenants => _tenants.Keys.ToList();

    /// <summary>The tenant's model: plant-file assets and discovered ones together, or null for an unknown tenant.</summary>
    public PlantModel? Get(string tenant) => _tenants.TryGetValue(tenant, out var catalog) ? catalog.Model : null;

    /// <summary>The plant-file model only (used to bind sources); null when the tenant has no plant file.</summary>
    public PlantModel? GetConfigured(string tenant) => _tenants.TryGetValue(tenant, out var catalog) ? catalog.Configured : null;

    /// <summary>The type of an equipment, or null.</summary>
    public AssetType? TypeOf(string tenant, AssetPath equipment)
    {
        var model = Get(tenant);
        return model?.FindType(model.Find(equipment)?.TypeName);
    }

    /// <summary>
    /// Records equipment fed by an unbound source. Returns true when the model changed. Metrics, when given,
    /// become the tags of the equipment's discovered type (a later birth with other metrics replaces them).
    /// </summary>
    public bool Discover(string tenant, AssetPath equipment, string source, IReadOnlyList<SourceMetric>? metrics)
    {
        var catalog = _tenants.GetOrAdd(tenant, t => new TenantCatalog(t));
        return catalog.Discover(equipment, source, metrics);
    }

    private sealed class TenantCatalog(string tenant)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (string Source, AssetType Type)> _discovered = new(StringComparer.Ordinal);

        public PlantModel? Configured { get; private set; }

        public PlantModel Model { get; private set; } = new(tenant, [], []);

        public void SetPlant(PlantModel plant)
        {
            lock (_gate)
            {
                Configured = plant;
                Rebuild();
            }
        }

        public bool Discover(AssetPath equipment, string source, IReadOnlyList<SourceMetric>? metrics)
        {
            lock (_gate)
            {
                if (Configured?.Find(equipment) is { Kind: AssetKind.Equipment })
                {
                    return false;
                }

                var known = _discovered.TryGetValue(equipment.Value, out var existing);
                if (known && (metrics is null || SameTags(existing.Type, metrics)))
                {
                    return false;
                }

                var tags = metrics?.Select(m => new TagDefinition(m.Name, m.DataType, m.Unit)).ToList()
                    ?? (known ? [.. existing.Type.Tags] : []);
                _discovered[equipment.Value] = (source, new AssetType("discovered:" + equipment.Value, tags, [], StateModel.Machine, "Discovered from " + source));
                Rebuild();
                return true;
            }
        }

        private static bool SameTags(AssetType type, IReadOnlyList<SourceMetric> metrics) =>
            type.Tags.Count == metrics.Count && type.Tags.Zip(metrics).All(p => p.First.Name == p.Second.Name && p.First.DataType == p.Second.DataType && p.First.Unit == p.Second.Unit);

        private void Rebuild()
        {
            var types = new List<AssetType>(Configured?.Types ?? []);
            types.AddRange(_discovered.Values.Select(d => d.Type));
            var sites = new List<AssetNode>(Configured?.Sites ?? []);
            sites.AddRange(BuildDiscoveredTree(AssetPath.Root, Configured));
            Model = new PlantModel(tenant, types, sites);
        }

        /// <summary>Discovered paths as a tree: the first segment is a site, leaves with a source are equipment.</summary>
        private List<AssetNode> BuildDiscoveredTree(AssetPath parent, PlantModel? configured)
        {
            var childNames = _discovered.Keys
                .Select(AssetPath.Parse)
                .Where(p => p.Depth > parent.Depth && p.IsAtOrUnder(parent))
                .Select(p => p.Segments[parent.Depth])
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            var nodes = new List<AssetNode>();
            foreach (var name in childNames)
            {
                var path = parent.Append(name);
                if (parent.Depth == 0 && configured?.Find(path) is not null)
                {
                    continue; // a discovered path under a configured site would clash with it; keep the configured one
                }

                var children = BuildDiscoveredTree(path, configured);
                if (_discovered.TryGetValue(path.Value, out var found))
                {
                    nodes.Add(new AssetNode(path, AssetKind.Equipment, name, children) { TypeName = found.Type.Name, Source = found.Source });
                }
                else
                {
                    nodes.Add(new AssetNode(path, path.Depth == 1 ? AssetKind.Site : AssetKind.Line, name, children));
                }
            }

            return nodes;
        }
    }
}
