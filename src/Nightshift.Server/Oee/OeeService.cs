using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Assets;
using Nightshift.Core.Oee;
using Nightshift.Core.Orders;
using Nightshift.Server.Data;
using Nightshift.Server.Ingest;
using Nightshift.Server.Orders;

namespace Nightshift.Server.Oee;

/// <summary>
/// OEE from the live plant: reads the state, fault code, product and counter history of a tenant's production equipment
/// (those whose type has a <see cref="ProductionHistory.GoodCountTag"/> tag and that reported their state at least once;
/// time before an equipment's first state reading is not counted), applies operators' re-classifications,
/// and computes the OEE per equipment with <see cref="OeeCalculator"/> in the site's shift calendar, then rolls it up
/// per group (shift, day, order, equipment) and in total with <see cref="OeeRollup"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Performance uses the ideal cycle time of the product being made: the one the equipment's product tag names at the
/// time, else the product of the order running on its line, looked up in the plant file's products (per line or
/// equipment, else the product's default), divided by <see cref="OeeOptions.PlantSpeed"/>. Units of a product without an
/// ideal cycle time add no ideal time. Counts
/// are read per minute, so a window counts the minutes that start in it. A range ends at the time of the query at the
/// latest, so the future is not counted as unrecorded time.
/// </remarks>
public sealed class OeeService
{
    /// <summary>The longest range one query may span.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(62);

    /// <summary>How far before a range the re-classifications of intervals that started earlier are read.</summary>
    private static readonly TimeSpan ReclassificationLookBack = TimeSpan.FromDays(7);

    private readonly PlantCatalog _catalog;
    private readonly ProductionHistory _history;
    private readonly IDbContextFactory<MetadataDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly double _speed;

    /// <exception cref="ArgumentOutOfRangeException"><see cref="OeeOptions.PlantSpeed"/> is not a positive number.</exception>
    public OeeService(PlantCatalog catalog, ProductionHistory history, IDbContextFactory<MetadataDbContext> contexts, TimeProvider time, OeeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(time);
        _catalog = catalog;
        _history = history;
        _contexts = contexts;
        _time = time;
        _speed = options?.PlantSpeed ?? 1;
        if (!double.IsFinite(_speed) || _speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _speed, "The plant speed must be a positive number.");
        }
    }

    /// <summary>The production equipment of a tenant at or under <paramref name="under"/> (whether or not it reported anything yet), in path order.</summary>
    public IReadOnlyList<AssetNode> ProductionEquipment(string tenant, AssetPath under)
    {
        ArgumentNullException.ThrowIfNull(under);
        var model = _catalog.Get(tenant);
        if (model is null)
        {
            return [];
        }

        return [.. model.Equipment
            .Where(e => e.Path.IsAtOrUnder(under) && model.FindType(e.TypeName)?.FindTag(ProductionHistory.GoodCountTag) is not null)
            .OrderBy(e => e.Path.Value, StringComparer.Ordinal)];
    }

    /// <summary>Computes the OEE report over [<paramref name="from"/>, <paramref name="to"/>) (UTC, cut at now).</summary>
    /// <exception cref="ArgumentException">The range is empty or longer than <see cref="MaxRange"/>.</exception>
    public async Task<OeeReport> ComputeAsync(string tenant, AssetPath under, DateTime from, DateTime to, OeeGrouping by, CancellationToken cancellationToken)
    {
        var scope = await LoadAsync(tenant, under, from, to, cancellationToken);
        var perEquipment = scope.Equipment.Select(e => (e, Compute(scope, e, scope.From, scope.To))).ToList();
        var total = OeeRollup.Combine(perEquipment.Select(p => p.Item2), scope.From, scope.To);
        IReadOnlyList<OeeGroup> groups = by switch
        {
            OeeGrouping.None => [],
            OeeGrouping.Equipment => [.. perEquipment.Select(p => new OeeGroup(p.e.Node.Path.Value, p.e.Node.DisplayName, scope.From, scope.To, 1, p.Item2))],
            _ => Groups(scope, by),
        };
        return new OeeReport(under, scope.From, scope.To, by, scope.Equipment.Count, total, groups);
    }

    /// <summary>
    /// The intervals in which the equipment at or under <paramref name="under"/> did not produce, overlapping
    /// [<paramref name="from"/>, <paramref name="to"/>), newest first, at most <paramref name="limit"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The range is empty or longer than <see cref="MaxRange"/>.</exception>
    public async Task<IReadOnlyList<DowntimeInterval>> DowntimeAsync(string tenant, AssetPath under, DateTime from, DateTime to, int limit, CancellationToken cancellationToken)
    {
        var scope = await LoadAsync(tenant, under, from, to, cancellationToken);
        var result = new List<DowntimeInterval>();
        foreach (var e in scope.Equipment)
        {
            var busy = Busy(e, Min(Max(scope.From, e.Since), scope.To), scope.To);
            foreach (var interval in e.Intervals)
            {
                if (interval.Category == StateCategory.Productive || interval.End <= scope.From || interval.Start >= scope.To)
                {
                    continue;
                }

                var planned = e.PlannedStops.Any(p => p.Start == interval.Start);
                var lost = planned ? TimeSpan.Zero : Overlap(busy, interval.Start, interval.End);
                result.Add(new DowntimeInterval(
                    DowntimeIds.Format(e.Node.Path, interval.Start),
                    e.Node.Path,
                    interval.State,
                    interval.Category,
                    interval.Start,
                    interval.End,
                    interval.End >= scope.To,
                    lost,
                    interval.ReasonCode ?? interval.State,
                    interval.ReasonText,
                    planned,
                    e.ReclassifiedBy.GetValueOrDefault(interval.Start)));
            }
        }

        return [.. result.OrderByDescending(d => d.Start).ThenBy(d => d.Equipment.Value, StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>
    /// The state that starts a downtime interval of <paramref name="equipment"/> at exactly <paramref name="start"/>, or
    /// null when no non-productive interval starts there.
    /// </summary>
    public async Task<string?> FindDowntimeStartAsync(string tenant, AssetPath equipment, DateTime start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(equipment);
        var model = _catalog.Get(tenant);
        var node = model?.Find(equipment);
        if (model is null || node is not { Kind: AssetKind.Equipment })
        {
            return null;
        }

        var stateModel = model.FindType(node.TypeName)?.StateModel ?? StateModel.Machine;
        var readings = await _history.ReadStatesAsync(tenant, equipment, stateModel.StateTag, start, start.AddTicks(TimeSpan.TicksPerMillisecond), cancellationToken);
        var intervals = StateTimeline.Build(stateModel, readings, [], start.AddTicks(TimeSpan.TicksPerMillisecond));
        var found = intervals.FirstOrDefault(i => i.Start == start);
        return found is { Category: not StateCategory.Productive } ? found.State : null;
    }

    /// <summary>Loads the history of the equipment in scope for [from, min(to, now)).</summary>
    private async Task<OeeScope> LoadAsync(string tenant, AssetPath under, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(under);
        var now = _time.GetUtcNow().UtcDateTime;
        var end = to > now ? now : to;
        if (end < from)
        {
            end = from;
        }

        if (to <= from)
        {
            throw new ArgumentException("'to' must be after 'from'.", nameof(to));
        }

        if (to - from > MaxRange)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the range may span at most {MaxRange.TotalDays} days"), nameof(to));
        }

        var model = _catalog.Get(tenant);
        var production = _catalog.GetConfigured(tenant)?.Production ?? ProductionSettings.Empty;
        var equipment = ProductionEquipment(tenant, under);
        List<DowntimeReclassificationEntry> reclassified;
        List<ProductionOrder> orders;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            var since = from - ReclassificationLookBack;
            reclassified = await db.DowntimeReclassifications.AsNoTracking()
                .Where(r => r.Tenant == tenant && r.Start >= since && r.Start < end)
                .ToListAsync(cancellationToken);
            orders = [.. (await db.ProductionOrders.AsNoTracking()
                    .Where(o => o.Tenant == tenant && o.Started != null && o.Started < end && (o.Completed == null || o.Completed > from))
                    .ToListAsync(cancellationToken))
                .Select(OrderEntries.ToOrder)];
        }

        var byEquipment = reclassified.ToLookup(r => r.Equipment, StringComparer.Ordinal);
        var histories = new List<EquipmentHistory>(equipment.Count);
        foreach (var node in equipment)
        {
            var stateModel = model?.FindType(node.TypeName)?.StateModel ?? StateModel.Machine;
            if (!_history.Exists(tenant, node.Path, stateModel.StateTag))
            {
                continue; // never reported: not yet connected, so not counted as unrecorded time
            }

            var site = model?.SiteOf(node.Path);
            var calendar = production.CalendarOf(site ?? node, TimeZoneOf(site));
            histories.Add(await LoadEquipmentAsync(tenant, node, stateModel, calendar, byEquipment[node.Path.Value], from, end, cancellationToken));
        }

        return new OeeScope(production, histories, orders, from, end) { PlantSpeed = _speed };
    }

    private async Task<EquipmentHistory> LoadEquipmentAsync(
        string tenant,
        AssetNode node,
        StateModel stateModel,
        ShiftCalendar calendar,
        IEnumerable<DowntimeReclassificationEntry> reclassified,
        DateTime from,
        DateTime end,
        CancellationToken cancellationToken)
    {
        var path = node.Path;
        var states = await _history.ReadStatesAsync(tenant, path, stateModel.StateTag, from, end, cancellationToken);
        var codes = await _history.ReadCodesAsync(tenant, path, ProductionHistory.FaultCodeTag, from, end, cancellationToken);
        var products = await _history.ReadCodesAsync(tenant, path, ProductionHistory.ProductTag, from, end, cancellationToken);
        var good = await _history.ReadCounterAsync(tenant, path, ProductionHistory.GoodCountTag, from, end, cancellationToken);
        var scrap = await _history.ReadCounterAsync(tenant, path, ProductionHistory.ScrapCountTag, from, end, cancellationToken);

        var byStart = reclassified.ToDictionary(r => DateTime.SpecifyKind(r.Start, DateTimeKind.Utc));
        var intervals = new List<StateInterval>();
        var plannedStops = new List<PlannedInterval>();
        var who = new Dictionary<DateTime, string>();
        foreach (var interval in StateTimeline.Build(stateModel, states, codes, end))
        {
            if (interval.Category != StateCategory.Productive && byStart.TryGetValue(interval.Start, out var r))
            {
                intervals.Add(interval with { ReasonCode = r.Reason, ReasonText = r.ReasonText });
                who[interval.Start] = r.Who;
                if (r.Planned)
                {
                    plannedStops.Add(new PlannedInterval(r.Reason, interval.Start, interval.End, PlannedIntervalKind.Break));
                }
            }
            else
            {
                intervals.Add(interval);
            }
        }

        // Before its first state reading the equipment was not connected to the platform: that time is not counted.
        var since = states.Count == 0 ? end : states[0].Timestamp > from ? states[0].Timestamp : from;
        return new EquipmentHistory(node, since, calendar, intervals, plannedStops, good, scrap, products) { ReclassifiedBy = who };
    }

    /// <summary>The OEE of one equipment over [a, b), from its first state reading at the earliest.</summary>
    private static OeeResult Compute(OeeScope scope, EquipmentHistory e, DateTime a, DateTime b)
    {
        // Units are counted over the whole window: none were counted before the first reading, and the minute that holds
        // it (which starts before it) must count.
        var countFrom = a;
        a = Min(Max(a, e.Since), b);
        var calendar = e.Calendar;
        var planned = calendar.PlannedIntervals(calendar.LocalDay(a).AddDays(-1), calendar.LocalDay(b).AddDays(1)).Concat(e.PlannedStops);
        var good = CounterIncrease.Sum(e.Good, countFrom, b);
        var scrap = CounterIncrease.Sum(e.Scrap, countFrom, b);
        var produced = good + scrap;
        var idealTicks = IdealTicks(scope, e, e.Good, countFrom, b) + IdealTicks(scope, e, e.Scrap, countFrom, b);
        var idealCycle = produced > 0 ? TimeSpan.FromTicks((long)Math.Round(idealTicks / produced)) : TimeSpan.Zero;
        return OeeCalculator.Compute(e.Intervals, good, scrap, idealCycle, planned, a, b);
    }

    /// <summary>The ideal time, in ticks, of the units counted in [a, b): each minute's units at the ideal cycle time of the product made then.</summary>
    private static double IdealTicks(OeeScope scope, EquipmentHistory e, IReadOnlyList<CounterIncrement> increments, DateTime a, DateTime b)
    {
        var total = 0.0;
        foreach (var increment in increments)
        {
            if (increment.Units <= 0 || increment.Start < a || increment.Start >= b)
            {
                continue;
            }

            var product = ProductAt(e.Products, increment.Start + ProductionHistory.CountBucket) ?? OrderProductAt(scope.Orders, e.Node.Path, increment.Start);
            if (scope.Production.FindProduct(product)?.IdealCycleTimeOn(e.Node.Path) is { } ideal)
            {
                total += increment.Units * (double)ideal.Ticks / scope.PlantSpeed;
            }
        }

        return total;
    }

    /// <summary>The product named by the last product reading before <paramref name="before"/>.</summary>
    private static string? ProductAt(IReadOnlyList<CodeReading> readings, DateTime before)
    {
        int lo = 0, hi = readings.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (readings[mid].Timestamp < before)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && !string.IsNullOrWhiteSpace(readings[found].Code) ? readings[found].Code : null;
    }

    private static string? OrderProductAt(IReadOnlyList<ProductionOrder> orders, AssetPath equipment, DateTime at)
    {
        foreach (var order in orders)
        {
            if (order.Started is { } started && started <= at && (order.Completed is not { } done || at < done) && equipment.IsAtOrUnder(order.Line))
            {
                return order.Product;
            }
        }

        return null;
    }

    private static List<OeeGroup> Groups(OeeScope scope, OeeGrouping by)
    {
        var parts = new Dictionary<string, (string Label, DateTime From, DateTime To, List<OeeResult> Results)>(StringComparer.Ordinal);
        foreach (var e in scope.Equipment)
        {
            foreach (var (key, label, a, b) in Windows(scope, e, by))
            {
                if (b <= a)
                {
                    continue;
                }

                var result = Compute(scope, e, a, b);
                if (parts.TryGetValue(key, out var part))
                {
                    part.Results.Add(result);
                    parts[key] = (part.Label, a < part.From ? a : part.From, b > part.To ? b : part.To, part.Results);
                }
                else
                {
                    parts[key] = (label, a, b, [result]);
                }
            }
        }

        return [.. parts
            .Select(p => new OeeGroup(p.Key, p.Value.Label, p.Value.From, p.Value.To, p.Value.Results.Count, OeeRollup.Combine(p.Value.Results, p.Value.From, p.Value.To)))
            .OrderBy(g => g.From)
            .ThenBy(g => g.Key, StringComparer.Ordinal)];
    }

    /// <summary>The windows of one equipment for a grouping, each clipped to the scope's range.</summary>
    private static IEnumerable<(string Key, string Label, DateTime From, DateTime To)> Windows(OeeScope scope, EquipmentHistory e, OeeGrouping by)
    {
        var calendar = e.Calendar;
        switch (by)
        {
            case OeeGrouping.Shift:
                foreach (var shift in calendar.Occurrences(calendar.LocalDay(scope.From).AddDays(-1), calendar.LocalDay(scope.To)))
                {
                    var day = shift.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    yield return (day + "/" + shift.Shift, day + " " + shift.Shift, Max(shift.Start, scope.From), Min(shift.End, scope.To));
                }

                break;
            case OeeGrouping.Day:
                for (var day = calendar.LocalDay(scope.From); day <= calendar.LocalDay(scope.To); day = day.AddDays(1))
                {
                    var key = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    yield return (key, key, Max(calendar.ToUtc(day, TimeOnly.MinValue), scope.From), Min(calendar.ToUtc(day.AddDays(1), TimeOnly.MinValue), scope.To));
                }

                break;
            case OeeGrouping.Order:
                foreach (var order in scope.Orders)
                {
                    if (order.Started is { } started && e.Node.Path.IsAtOrUnder(order.Line))
                    {
                        yield return (order.Number, order.Number + " · " + order.Product, Max(started, scope.From), Min(order.Completed ?? scope.To, scope.To));
                    }
                }

                break;
            default:
                break;
        }
    }

    private static List<(DateTime Start, DateTime End)> Busy(EquipmentHistory e, DateTime from, DateTime to)
    {
        var calendar = e.Calendar;
        return [.. calendar.PlannedIntervals(calendar.LocalDay(from).AddDays(-1), calendar.LocalDay(to).AddDays(1))
            .Where(p => p.Kind == PlannedIntervalKind.Busy)
            .Select(p => (Max(p.Start, from), Min(p.End, to)))
            .Where(p => p.Item2 > p.Item1)];
    }

    private static TimeSpan Overlap(List<(DateTime Start, DateTime End)> ranges, DateTime start, DateTime end)
    {
        var total = TimeSpan.Zero;
        foreach (var (s, t) in ranges)
        {
            var a = Max(s, start);
            var b = Min(t, end);
            if (b > a)
            {
                total += b - a;
            }
        }

        return total;
    }

    private static TimeZoneInfo TimeZoneOf(AssetNode? site) =>
        site?.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
