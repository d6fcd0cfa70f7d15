using Nightshift.Core.Assets;
using Nightshift.Core.Oee;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian;

namespace Nightshift.Server.Oee;

/// <summary>
/// Reads what OEE and orders need from the history of a tenant's equipment: the readings of its state, fault code and
/// product tags, and its good and scrap counters per minute (<see cref="CountBucket"/>). An equipment without a tag
/// reads as empty. Thread-safe.
/// </summary>
public sealed class ProductionHistory
{
    /// <summary>The tag of the good units counter, by convention.</summary>
    public const string GoodCountTag = "goodCount";

    /// <summary>The tag of the scrap units counter, by convention.</summary>
    public const string ScrapCountTag = "scrapCount";

    /// <summary>The tag naming the product being made, by convention.</summary>
    public const string ProductTag = "productId";

    /// <summary>The tag of the machine's fault code, by convention (empty or 0: no fault).</summary>
    public const string FaultCodeTag = "faultCode";

    /// <summary>The most readings of one text tag read for one query.</summary>
    public const int MaxReadings = 200_000;

    /// <summary>The resolution of counts: counters are read per minute, aligned to the Unix epoch (so to every shift edge).</summary>
    public static readonly TimeSpan CountBucket = TimeSpan.FromMinutes(1);

    private readonly SeriesRegistry _series;
    private readonly IHistorian _historian;

    public ProductionHistory(SeriesRegistry series, IHistorian historian)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(historian);
        _series = series;
        _historian = historian;
    }

    /// <summary>Whether the tag of the equipment has a series (was ever reported).</summary>
    public bool Exists(string tenant, AssetPath equipment, string tag) => _series.TryGet(tenant, new TagPath(equipment, tag), out _);

    /// <summary>The readings of a state tag in [from, to), preceded by the last one before <paramref name="from"/>.</summary>
    public async Task<IReadOnlyList<StateReading>> ReadStatesAsync(string tenant, AssetPath equipment, string tag, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var samples = await ReadTextAsync(tenant, equipment, tag, from, to, cancellationToken);
        return [.. samples.Select(s => new StateReading(s.Timestamp, s.Text))];
    }

    /// <summary>The readings of a text tag (a fault code, a product id) in [from, to), preceded by the last one before <paramref name="from"/>.</summary>
    public async Task<IReadOnlyList<CodeReading>> ReadCodesAsync(string tenant, AssetPath equipment, string tag, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var samples = await ReadTextAsync(tenant, equipment, tag, from, to, cancellationToken);
        return [.. samples.Select(s => new CodeReading(s.Timestamp, s.Text))];
    }

    /// <summary>
    /// The units a counter tag counted per minute over the minutes that start in [floor(from), to) (see
    /// <see cref="CounterIncrease"/>); empty for an equipment without the tag.
    /// </summary>
    public async Task<IReadOnlyList<CounterIncrement>> ReadCounterAsync(string tenant, AssetPath equipment, string tag, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(equipment);
        if (!_series.TryGet(tenant, new TagPath(equipment, tag), out var info) || to <= from)
        {
            return [];
        }

        var start = Floor(from);
        var before = await _historian.ReadLatestAsync(info.Id, start.AddTicks(-1), cancellationToken);
        var buckets = await _historian.ReadBucketsAsync(info.Id, start, to, CountBucket, cancellationToken);
        var readings = buckets.Select(b => new CounterBucket(DateTime.SpecifyKind(b.Start, DateTimeKind.Utc), b.First, b.Last, b.Min, b.Max)).ToList();
        double? previous = before is { } sample && !sample.Quality.IsBad && sample.Value.IsNumeric ? sample.Value.AsDouble() : null;
        return CounterIncrease.PerBucket(readings, previous);
    }

    /// <summary>The start of the count bucket that holds <paramref name="time"/>.</summary>
    public static DateTime Floor(DateTime time) =>
        new(time.Ticks - ((time.Ticks - DateTime.UnixEpoch.Ticks) % CountBucket.Ticks), DateTimeKind.Utc);

    private async Task<List<(DateTime Timestamp, string? Text)>> ReadTextAsync(string tenant, AssetPath equipment, string tag, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(equipment);
        var result = new List<(DateTime, string?)>();
        if (!_series.TryGet(tenant, new TagPath(equipment, tag), out var info) || to <= from)
        {
            return result;
        }

        if (await _historian.ReadLatestAsync(info.Id, from.AddTicks(-1), cancellationToken) is { } before)
        {
            result.Add((DateTime.SpecifyKind(before.Timestamp, DateTimeKind.Utc), TextOf(before)));
        }

        foreach (var sample in await _historian.ReadRawAsync(info.Id, from, to, MaxReadings, cancellationToken))
        {
            result.Add((DateTime.SpecifyKind(sample.Timestamp, DateTimeKind.Utc), TextOf(sample)));
        }

        return result;
    }

    private static string? TextOf(Sample sample) =>
        sample.Quality.IsBad || sample.Value.Kind == ValueKind.None ? null : sample.Value.ToString();
}
