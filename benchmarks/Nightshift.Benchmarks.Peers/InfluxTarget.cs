using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// InfluxDB 1.6 (Debian's <c>influxdb</c>) as a local process on free 127.0.0.1 ports with its directories under the
/// benchmark's folder: database <c>bench</c> created first, line protocol POST <c>/write?db=bench&amp;precision=s</c>;
/// queries through <c>/query</c> (trend: <c>SELECT min(v), max(v) … GROUP BY time(bucket)</c>; aggregate:
/// <c>SELECT mean(v), min(v), max(v) … GROUP BY time(1h), t</c>).
/// </summary>
public sealed class InfluxTarget : IBenchTarget
{
    private const string Program = "/usr/bin/influxd";

    /// <inheritdoc />
    public string Name => "InfluxDB 1.6";

    /// <inheritdoc />
    public string Key => "influx";

    /// <inheritdoc />
    public async Task<SystemResult> RunAsync(PlantDataSet data, QueryPlan plan, BenchOptions options, string folder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(Program))
        {
            return SystemResult.NotAvailable(Name, Key, $"{Program} is not installed (apt-get install influxdb)");
        }

        var port = PeerProcess.FreePort();
        var rpcPort = PeerProcess.FreePort();
        var storage = Path.Combine(folder, "influx");
        Directory.CreateDirectory(storage);
        var config = Path.Combine(folder, "influxdb.conf");
        await File.WriteAllTextAsync(config, Config(storage, port, rpcPort), ct).ConfigureAwait(false);
        var server = PeerProcess.Start(Program, ["-config", config], folder, Path.Combine(folder, "server.log"));
        await using (server.ConfigureAwait(false))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            await Poll.UntilAsync(t => Poll.HttpOkAsync(http, new Uri("/ping", UriKind.Relative), t), TimeSpan.FromSeconds(30), "InfluxDB start-up", ct).ConfigureAwait(false);
            using (var create = new FormUrlEncodedContent([new KeyValuePair<string, string>("q", "CREATE DATABASE bench")]))
            using (var response = await http.PostAsync(new Uri("/query", UriKind.Relative), create, ct).ConfigureAwait(false))
            {
                response.EnsureSuccessStatusCode();
            }

            var version = "influxdb " + await DebianPackage.VersionAsync("influxdb", ct).ConfigureAwait(false);
            var seconds = await IngestAsync(http, data, ct).ConfigureAwait(false);
            var bytes = DiskUsage.Of(storage);

            var bucket = (long)plan.TrendBucket.TotalSeconds;
            var range = $"time >= {QueryPlan.UnixSeconds(plan.TrendFromUtc)}s AND time < {QueryPlan.UnixSeconds(plan.TrendToUtc)}s";
            var trendUrl = Query($"SELECT min(v), max(v) FROM p WHERE t = '{PlantDataSet.Key(0)}' AND {range} GROUP BY time({bucket}s)");
            var trendCount = CountRows(await HttpIngest.GetAsync(http, trendUrl, ct).ConfigureAwait(false));
            var trend = await LatencySampler.MeasureAsync(t => HttpIngest.GetAsync(http, trendUrl, t), 3, options.TrendRuns, ct).ConfigureAwait(false);
            var aggregateRange = $"time >= {QueryPlan.UnixSeconds(plan.AggregateFromUtc)}s AND time < {QueryPlan.UnixSeconds(plan.AggregateToUtc)}s";
            var aggregateUrl = Query($"SELECT mean(v), min(v), max(v) FROM p WHERE t =~ /^({plan.AggregateKeyPattern})$/ AND {aggregateRange} GROUP BY time(1h), t");
            var aggregateCount = CountRows(await HttpIngest.GetAsync(http, aggregateUrl, ct).ConfigureAwait(false));
            var aggregate = await LatencySampler.MeasureAsync(t => HttpIngest.GetAsync(http, aggregateUrl, t), 1, options.AggregateRuns, ct).ConfigureAwait(false);

            return new SystemResult(Name, Key)
            {
                IngestPointsPerSecond = data.TotalPoints / seconds,
                BytesPerPoint = (double)bytes / data.TotalPoints,
                TrendP50Ms = LatencySampler.Percentile(trend, 50),
                TrendP99Ms = LatencySampler.Percentile(trend, 99),
                AggregateP50Ms = LatencySampler.Percentile(aggregate, 50),
                Notes =
                [
                    $"{version}; {HttpIngest.Parallelism} requests in flight of {LineProtocolPayloads.PointsPerRequest:N0} points, ingest timed until every write was acknowledged; trend returned {trendCount} rows (min and max per {bucket} s), aggregate {aggregateCount} rows; size is data + wal + meta right after the writes (the WAL is compacted into TSM files later)",
                ],
            };
        }
    }

    private static async Task<double> IngestAsync(HttpClient http, PlantDataSet data, CancellationToken ct)
    {
        var bodies = LineProtocolPayloads.Encode(data, ct);
        var started = Stopwatch.GetTimestamp();
        await HttpIngest.PostAllAsync(http, new Uri("/write?db=bench&precision=s", UriKind.Relative), bodies, ct).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static Uri Query(string query) =>
        new($"/query?db=bench&epoch=s&q={Uri.EscapeDataString(query)}", UriKind.Relative);

    private static int CountRows(string json)
    {
        using var document = JsonDocument.Parse(json);
        var count = 0;
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException("InfluxDB query failed: " + error.GetString());
            }

            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var one in series.EnumerateArray())
            {
                count += one.GetProperty("values").GetArrayLength();
            }
        }

        return count;
    }

    private static string Config(string storage, int port, int rpcPort) => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        reporting-disabled = true
        bind-address = "127.0.0.1:{rpcPort}"

        [meta]
          dir = "{storage}/meta"

        [data]
          dir = "{storage}/data"
          wal-dir = "{storage}/wal"
          query-log-enabled = false

        [http]
          enabled = true
          bind-address = "127.0.0.1:{port}"
          log-enabled = false
          max-body-size = 0

        [monitor]
          store-enabled = false

        [continuous_queries]
          enabled = false
        """);
}
