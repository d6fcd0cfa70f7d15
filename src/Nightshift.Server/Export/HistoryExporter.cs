using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian;

namespace Nightshift.Server.Export;

/// <summary>
/// Streams the history of several tags to a file format: reads the historian a page per series at a time
/// (<see cref="IHistorian.ReadRawAsync"/> with a limit, continuing after the last timestamp, or
/// <see cref="IHistorian.ReadBucketsAsync"/> in windows for an aggregated export), merges the series in time order
/// (<see cref="ExportMerger"/>) and writes each chunk as it arrives (<see cref="IExportWriter"/>). Memory is bounded by
/// about <see cref="SampleBudget"/> samples plus one Parquet row group, whatever the range. Thread-safe: every export has
/// its own state.
/// </summary>
public sealed class HistoryExporter
{
    /// <summary>The most tags one export may name.</summary>
    public const int MaxTags = 100;

    /// <summary>Rows per Parquet row group by default.</summary>
    public const int DefaultRowGroupSize = 100_000;

    /// <summary>The samples held in pages across all tags of an export (each tag gets an equal share, 1,000 at least).</summary>
    public const int SampleBudget = 200_000;

    /// <summary>The most buckets per tag of an aggregated export.</summary>
    public const long MaxBuckets = 10_000_000;

    private const int ChunkSize = 8_192;

    private readonly IHistorian _historian;
    private readonly int? _pageSize;
    private readonly int _rowGroupSize;

    public HistoryExporter(IHistorian historian)
        : this(historian, null, DefaultRowGroupSize)
    {
    }

    /// <param name="historian">Where the samples are read.</param>
    /// <param name="pageSize">Samples (or buckets) per page and tag; null for the share of <see cref="SampleBudget"/>.</param>
    /// <param name="rowGroupSize">Rows per Parquet row group.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public HistoryExporter(IHistorian historian, int? pageSize, int rowGroupSize)
    {
        ArgumentNullException.ThrowIfNull(historian);
        if (pageSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(pageSize));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowGroupSize);
        _historian = historian;
        _pageSize = pageSize;
        _rowGroupSize = rowGroupSize;
    }

    /// <summary>A writer of the request's format and layout on <paramref name="output"/>.</summary>
    public static IExportWriter CreateWriter(ExportRequest request, Stream output, int rowGroupSize)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (request.Format, request.Layout) switch
        {
            (ExportFormat.Csv, ExportLayout.Long) => new CsvLongWriter(output, request.Tags),
            (ExportFormat.Csv, _) => new CsvWideWriter(output, request.Tags),
            (ExportFormat.Parquet, ExportLayout.Long) => new ParquetLongWriter(output, request.Tags, rowGroupSize),
            _ => new ParquetWideWriter(output, request.Tags, rowGroupSize),
        };
    }

    /// <summary>Writes the export to <paramref name="output"/> (left open) as the history is read.</summary>
    /// <exception cref="IOException">The output failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the output holds an incomplete file.</exception>
    public async Task<ExportSummary> ExportAsync(ExportRequest request, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var pageSize = _pageSize ?? Math.Max(1_000, SampleBudget / Math.Max(1, request.Tags.Count));
        ExportPageReader readPage = request.Interval is { } interval
            ? (series, from, ct) => ReadBucketsAsync(series, from, request.ToUtc, interval, pageSize, ct)
            : (series, from, ct) => ReadRawAsync(series, from, request.ToUtc, pageSize, ct);
        var merger = new ExportMerger(request.Tags, request.FromUtc, readPage, ChunkSize);
        var counting = new ForwardOnlyStream(output);
        var samples = 0L;
        await using var writer = CreateWriter(request, counting, _rowGroupSize);
        await foreach (var chunk in merger.ReadAsync(cancellationToken))
        {
            await writer.WriteAsync(chunk, cancellationToken);
            samples += chunk.Length;
        }

        await writer.CompleteAsync(cancellationToken);
        return new ExportSummary(samples, writer.Rows, counting.Position);
    }

    private async Task<ExportPage> ReadRawAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int pageSize, CancellationToken cancellationToken)
    {
        var samples = await _historian.ReadRawAsync(series, fromUtc, toUtc, pageSize, cancellationToken);

        // A full page may have more after it; timestamps of a series are unique, so the next page starts just after the last.
        var next = samples.Count < pageSize ? (DateTime?)null : samples[^1].Timestamp.AddTicks(1);
        return new ExportPage(samples, next < toUtc ? next : null);
    }

    private async Task<ExportPage> ReadBucketsAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, TimeSpan interval, int pageSize, CancellationToken cancellationToken)
    {
        // Windows end on bucket boundaries (multiples of the interval since the epoch), so that no bucket is split
        // between two windows.
        var alignedTicks = (fromUtc - DateTime.UnixEpoch).Ticks / interval.Ticks * interval.Ticks;
        var windowEnd = DateTime.UnixEpoch.AddTicks(alignedTicks) + (interval * pageSize);
        var end = windowEnd < toUtc ? windowEnd : toUtc;
        var buckets = await _historian.ReadBucketsAsync(series, fromUtc, end, interval, cancellationToken);
        var samples = new Sample[buckets.Count];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = new Sample(series, buckets[i].Start, SampleValue.FromDouble(buckets[i].Avg), Quality.Good);
        }

        return new ExportPage(samples, end < toUtc ? end : null);
    }
}
