using Nightshift.Core.Assets;
using Nightshift.Server.Components.Display;
using Nightshift.Server.Ingest;
using Nightshift.Server.Live;
using Nightshift.Server.Twins;

namespace Nightshift.Server.Components.Live;

/// <summary>
/// The live view of a tenant's plant: one <see cref="LiveEquipment"/> per equipment of a <see cref="PlantModel"/>,
/// grouped into sites and bands for display. The grouping is fixed at construction; <see cref="Apply"/> may be called
/// from any thread while the UI reads (the equipment map is never modified after construction). Thread-safe.
/// </summary>
public sealed class LivePlant
{
    private readonly Dictionary<string, LiveEquipment> _equipment = new(StringComparer.Ordinal);

    /// <param name="model">The plant to show.</param>
    /// <param name="previous">A view of an earlier model of the same tenant whose equipment (and live values) are kept where path and type still match.</param>
    public LivePlant(PlantModel model, LivePlant? previous = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var sites = new List<LiveSite>();
        foreach (var site in model.Sites)
        {
            var bands = new List<LiveBand>();
            CollectBands(site, [], bands, previous);
            sites.Add(new LiveSite(site, TimeZones.Resolve(site.TimeZone), bands));
        }

        Sites = sites;
    }

    public PlantModel Model { get; }

    public string Tenant => Model.Tenant;

    public IReadOnlyList<LiveSite> Sites { get; }

    /// <summary>Every equipment of the plant, in the order of the plant tree.</summary>
    public IEnumerable<LiveEquipment> Equipment => Sites.SelectMany(s => s.Bands).SelectMany(b => b.Equipment);

    public int Count => _equipment.Count;

    public LiveEquipment? Find(string path) => _equipment.GetValueOrDefault(path);

    /// <summary>The time zone of the site that holds <paramref name="path"/>; UTC when unknown.</summary>
    public TimeZoneInfo TimeZoneOf(AssetPath path) => TimeZones.Resolve(Model.SiteOf(path)?.TimeZone);

    /// <summary>Applies an update to its equipment; returns false when the equipment is not part of this view.</summary>
    public bool Apply(LiveUpdate update, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!_equipment.TryGetValue(update.Equipment, out var equipment))
        {
            return false;
        }

        equipment.Apply(update, nowUtc);
        return true;
    }

    /// <summary>Loads the twin snapshots of the equipment of the view at or under <paramref name="under"/>.</summary>
    public async Task LoadAsync(TwinQueries twins, AssetPath under, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(twins);
        var snapshots = await twins.GetEquipmentUnderAsync(Tenant, under, cancellationToken);
        foreach (var snapshot in snapshots)
        {
            Find(snapshot.Path)?.Load(snapshot);
        }
    }

    /// <summary>
    /// Fills the sparklines from history: the last <see cref="LiveEquipment.SparkWindow"/> of each equipment's
    /// spark tag, one query per equipment. Throws what the history throws; sparklines filled before keep their points
    /// and the others fill from live values.
    /// </summary>
    public async Task LoadSparklinesAsync(TagHistory history, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        foreach (var equipment in Equipment)
        {
            if (equipment.SparkTag is { } tag)
            {
                var samples = await history.TrendAsync(Tenant, new TagPath(equipment.Node.Path, tag.Name), nowUtc - LiveEquipment.SparkWindow, nowUtc, Sparkline.Capacity * 2, cancellationToken);
                equipment.Spark.Fill(samples);
            }
        }
    }

    /// <summary>
    /// Recurses into the children that make bands of their own, then makes a band of the equipment that belongs to
    /// <paramref name="node"/> itself (directly or through cells, not through lines or areas).
    /// </summary>
    private void CollectBands(AssetNode node, List<string> trail, List<LiveBand> bands, LivePlant? previous)
    {
        foreach (var child in node.Children.Where(IsBandRoot))
        {
            trail.Add(child.DisplayName);
            CollectBands(child, trail, bands, previous);
            trail.RemoveAt(trail.Count - 1);
        }

        var own = new List<LiveEquipment>();
        CollectEquipment(node, own, previous);
        if (own.Count > 0)
        {
            bands.Add(new LiveBand(node, [.. trail], own));
        }
    }

    private void CollectEquipment(AssetNode node, List<LiveEquipment> into, LivePlant? previous)
    {
        foreach (var child in node.Children)
        {
            if (child.Kind == AssetKind.Equipment)
            {
                into.Add(Register(child, previous));
                CollectEquipment(child, into, previous);
            }
            else if (!IsBandRoot(child))
            {
                CollectEquipment(child, into, previous);
            }
        }
    }

    /// <summary>A node that gets bands of its own: a line, an area, or any other level above equipment that holds lines (cells join their parent's band).</summary>
    private static bool IsBandRoot(AssetNode node) =>
        node.Kind is AssetKind.Line or AssetKind.Area || (node.Kind != AssetKind.Equipment && ContainsLine(node));

    private LiveEquipment Register(AssetNode node, LivePlant? previous)
    {
        var type = Model.FindType(node.TypeName);
        var kept = previous?.Find(node.Path.Value);
        var equipment = kept is not null && ReferenceEquals(kept.Type, type) ? kept : new LiveEquipment(node, type);
        _equipment.TryAdd(node.Path.Value, equipment);
        return equipment;
    }

    private static bool ContainsLine(AssetNode node) => node.Children.Any(c => c.Kind == AssetKind.Line || ContainsLine(c));
}
