using Nightshift.Core.Assets;

namespace Nightshift.Core.Oee;

/// <summary>
/// What a plant file says about production: the products with their ideal cycle times, and the shifts of each site
/// (by site id). Immutable and thread-safe.
/// </summary>
public sealed class ProductionSettings
{
    private readonly Dictionary<string, Product> _products;
    private readonly Dictionary<string, IReadOnlyList<ShiftDefinition>> _shifts;

    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ProductionSettings(IEnumerable<Product> products, IReadOnlyDictionary<string, IReadOnlyList<ShiftDefinition>> shifts)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(shifts);
        _products = products.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _shifts = shifts.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
    }

    /// <summary>No products and no shifts: every site is planned around the clock.</summary>
    public static ProductionSettings Empty { get; } = new([], new Dictionary<string, IReadOnlyList<ShiftDefinition>>());

    /// <summary>The products, by id.</summary>
    public IReadOnlyDictionary<string, Product> Products => _products;

    /// <summary>The shifts given per site id (sites without shifts are not listed).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ShiftDefinition>> Shifts => _shifts;

    /// <summary>A product by id, or null.</summary>
    public Product? FindProduct(string? id) => id is not null && _products.TryGetValue(id, out var product) ? product : null;

    /// <summary>
    /// The shift calendar of a site in its time zone: its shifts, or, when the plant file gives none, one shift named
    /// <c>day</c> from midnight to midnight on every day (planned around the clock).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ShiftCalendar CalendarOf(AssetNode site, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(timeZone);
        return _shifts.TryGetValue(site.Path.Value, out var shifts) && shifts.Count > 0
            ? new ShiftCalendar(timeZone, shifts)
            : ShiftCalendar.AroundTheClock(timeZone);
    }
}
