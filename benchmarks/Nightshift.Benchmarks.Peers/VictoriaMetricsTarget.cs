using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// VictoriaMetrics single-node (Debian's <c>victoria-metrics</c>) as a local process on a free 127.0.0.1 port: line
/// protocol POST <c>/write?precision=s</c>, then <c>/internal/force_flush</c>; queries through
/// <c>/api/v1/query_range</c> with <c>nocache=1</c> (trend: <c>rollup(p_v{t=…}[bucket])</c>, min/max/avg per step;
/// aggregate: <c>rollup(p_v{t=~…}[1h])</c> at a 1 h step).
/// </summary>
public sealed class VictoriaMetricsTarget : IBenchTarget
{
    private const string Program = "/usr/bin/victoria-metrics";

    /// <inheritdoc />
    public string Name => "VictoriaMetrics";

    /// <inheritdoc />
    public string Key => "vm";

    /// <inheritdoc />
    public async Task<SystemResult> RunAsync(PlantDataSet data, QueryPlan plan, BenchOptions options, string folder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(Program))
        {
            return SystemResult.NotAvailable(Name, Key, $"{Program} is not installed (apt-get install victoria-metrics)");
        }

        var storage = Path.Combine(folder, "data");
        Directory.CreateDirectory(storage);
        var port = PeerProcess.FreePort();
        var server = PeerProcess.Start(
            Program,
            [$"-httpListenAddr=127.0.0.1:{port}", $"-storageDataPath={storage}", "-retentionPeriod=100y", "-search.latencyOffset=0s"],
            folder,
            Path.Combine(folder, "server.log"));
        SystemResult result;
        await using (server.ConfigureAwait(false))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            await Poll.UntilAsync(t => Poll.HttpOkAsync(http, new Uri("/health", UriKind.Relative), t), TimeSpan.FromSeconds(30), "VictoriaMetrics start-up", ct).ConfigureAwait(false);
            var version = "victoria-metrics " + await DebianPackage.VersionAsync("victoria-metrics", ct).ConfigureAwait(false);

            var seconds = await IngestAsync(http, data, ct).ConfigureAwait(false);
            var acknowledgedBytes = DiskUsage.Of(storage);

            var bucket = (long)plan.TrendBucket.TotalSeconds;
            var trendUrl = QueryRange($"rollup(p_v{{t=\"{PlantDataSet.Key(0)}\"}}[{bucket}s])", plan.TrendFromUtc, plan.TrendToUtc, bucket);
            var trendCount = CountValues(await HttpIngest.GetAsync(http, trendUrl, ct).ConfigureAwait(false));
            var trend = await LatencySampler.MeasureAsync(t => HttpIngest.GetAsync(http, trendUrl, t), 3, options.TrendRuns, ct).ConfigureAwait(false);
            var aggregateUrl = QueryRange($"rollup(p_v{{t=~\"{plan.AggregateKeyPattern}\"}}[1h])", plan.AggregateFromUtc, plan.AggregateToUtc, 3600);
            var aggregateCount = CountValues(await HttpIngest.GetAsync(http, aggregateUrl, ct).ConfigureAwait(false));
            var aggregate = await LatencySampler.MeasureAsync(t => HttpIngest.GetAsync(http, aggregateUrl, t), 1, options.AggregateRuns, ct).ConfigureAwait(false);

            result = new SystemResult(Name, Key)
            {
                IngestPointsPerSecond = data.TotalPoints / seconds,
                TrendP50Ms = LatencySampler.Percentile(trend, 50),
                TrendP99Ms = LatencySampler.Percentile(trend, 99),
                AggregateP50Ms = LatencySampler.Percentile(aggregate, 50),
                Notes =
                [
                    $"{version}; {HttpIngest.Parallelism} requests in flight of {LineProtocolPayloads.PointsPerRequest:N0} points; trend returned {trendCount} values (min/max/avg per {bucket} s step), aggregate {aggregateCount} values",
                    $"size: -storageDataPath after a graceful stop (SIGTERM writes the in-memory parts); right after force_flush only {acknowledgedBytes:N0} bytes were on disk: VictoriaMetrics acknowledges writes before they are on disk",
                ],
            };
        }

        var bytes = DiskUsage.Of(storage);
        return result with { BytesPerPoint = (double)bytes / data.TotalPoints };
    }

    private static async Task<double> IngestAsync(HttpClient http, PlantDataSet data, CancellationToken ct)
    {
        var bodies = LineProtocolPayloads.Encode(data, ct);
        var started = Stopwatch.GetTimestamp();
        await HttpIngest.PostAllAsync(http, new Uri("/write?precision=s", UriKind.Relative), bodies, ct).ConfigureAwait(false);
        await HttpIngest.GetAsync(http, new Uri("/internal/force_flush", UriKind.Relative), ct).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static Uri QueryRange(string query, DateTime fromUtc, DateTime toUtc, long stepSeconds)
    {
        var from = QueryPlan.UnixSeconds(fromUtc).ToString(CultureInfo.InvariantCulture);
        // query_range includes its end; the last step starts one step before the exclusive end of the range.
        var to = (QueryPlan.UnixSeconds(toUtc) - stepSeconds).ToString(CultureInfo.InvariantCulture);
        var step = stepSeconds.ToString(CultureInfo.InvariantCulture);
        return new Uri($"/api/v1/query_range?nocache=1&query={Uri.EscapeDataString(query)}&start={from}&end={to}&step={step}s", UriKind.Relative);
    }

    private static int CountValues(string json)
    {
        using var document = JsonDocument.Parse(json);
        var count = 0;
        foreach (var series in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            count += series.GetProperty("values").GetArrayLength();
        }

        return count;
    }
}
