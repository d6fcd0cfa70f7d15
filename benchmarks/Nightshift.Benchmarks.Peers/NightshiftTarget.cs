using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian;
using Nightshift.Historian.Wal;

namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// Nightshift's durable historian in-process, as the node writes it: every batch of 10,000 samples of one series goes
/// through the write-ahead log (<see cref="DurableHistoryWriter.WriteAsync"/>: fsynced before it returns) into the
/// DuckDB engine, then <see cref="DurableHistoryWriter.FlushAsync"/> (engine flushed, log checkpointed); the size is the
/// data folder's (engine and log) after the flush; the trend is <see cref="DuckDbHistorian.ReadDecimatedAsync"/>, the aggregate one
/// <see cref="DuckDbHistorian.ReadBucketsAsync"/> per tag, one after the other.
/// </summary>
public sealed class NightshiftTarget : IBenchTarget
{
    private const string Tenant = "bench";
    private const int SamplesPerBatch = 10_000;

    /// <inheritdoc />
    public string Name => "Nightshift (WAL + DuckDbHistorian, in-process)";

    /// <inheritdoc />
    public string Key => "nightshift";

    /// <inheritdoc />
    public async Task<SystemResult> RunAsync(PlantDataSet data, QueryPlan plan, BenchOptions options, string folder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var registry = new SeriesRegistry();
        var historianOptions = new DuckDbHistorianOptions { DataFolder = folder };
        var historian = await DuckDbHistorian.OpenAsync(historianOptions, registry, TimeProvider.System, NullLogger<DuckDbHistorian>.Instance, ct).ConfigureAwait(false);
        SystemResult result;
        await using (historian.ConfigureAwait(false))
        {
            var ids = data.Paths.Select(p => registry.GetOrAdd(Tenant, p).Id).ToArray();
            var batches = MakeBatches(data, ids);

            var started = Stopwatch.GetTimestamp();
            foreach (var batch in batches)
            {
                await historian.WriteAsync(batch, ct).ConfigureAwait(false);
            }

            await historian.FlushAsync(ct).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            batches.Clear();
            var bytes = DiskUsage.Of(folder);

            var trendSeries = ids[0];
            var trendCount = (await historian.ReadDecimatedAsync(trendSeries, plan.TrendFromUtc, plan.TrendToUtc, plan.TrendPoints, ct).ConfigureAwait(false)).Count;
            var trend = await LatencySampler.MeasureAsync(
                async token => await historian.ReadDecimatedAsync(trendSeries, plan.TrendFromUtc, plan.TrendToUtc, plan.TrendPoints, token).ConfigureAwait(false),
                3,
                options.TrendRuns,
                ct).ConfigureAwait(false);
            var bucketCount = 0;
            var aggregate = await LatencySampler.MeasureAsync(
                async token =>
                {
                    bucketCount = 0;
                    for (var i = 0; i < plan.AggregateTags; i++)
                    {
                        var buckets = await historian.ReadBucketsAsync(ids[i], plan.AggregateFromUtc, plan.AggregateToUtc, TimeSpan.FromHours(1), token).ConfigureAwait(false);
                        bucketCount += buckets.Count;
                    }
                },
                1,
                options.AggregateRuns,
                ct).ConfigureAwait(false);

            result = new SystemResult(Name, Key)
            {
                IngestPointsPerSecond = data.TotalPoints / seconds,
                BytesPerPoint = (double)bytes / data.TotalPoints,
                TrendP50Ms = LatencySampler.Percentile(trend, 50),
                TrendP99Ms = LatencySampler.Percentile(trend, 99),
                AggregateP50Ms = LatencySampler.Percentile(aggregate, 50),
                Notes =
                [
                    $"the durable historian in-process (no HTTP): each {SamplesPerBatch:N0}-sample batch of one series fsynced in the write-ahead log, then written to DuckDB; FlushAsync at the end; trend returned {trendCount} points, aggregate {bucketCount} buckets",
                ],
            };
        }

        // DuckDB checkpoints its own write-ahead log into the file on close; the size after that is the settled one.
        var closed = DiskUsage.Of(folder);
        return result with { Notes = [.. result.Notes, $"size after close (DuckDB checkpoint): {(double)closed / data.TotalPoints:0.00} bytes/point"] };
    }

    private static List<SampleBatch> MakeBatches(PlantDataSet data, SeriesId[] ids)
    {
        var batches = new List<SampleBatch>((int)(data.TotalPoints / SamplesPerBatch) + data.Tags);
        for (var tag = 0; tag < data.Tags; tag++)
        {
            var values = data.Values[tag];
            for (var from = 0; from < values.Length; from += SamplesPerBatch)
            {
                var to = Math.Min(values.Length, from + SamplesPerBatch);
                var samples = new Sample[to - from];
                for (var i = from; i < to; i++)
                {
                    samples[i - from] = new Sample(ids[tag], data.StartUtc.AddSeconds(i), SampleValue.FromDouble(values[i]), Quality.Good);
                }

                batches.Add(new SampleBatch(Tenant, samples));
            }
        }

        return batches;
    }
}
