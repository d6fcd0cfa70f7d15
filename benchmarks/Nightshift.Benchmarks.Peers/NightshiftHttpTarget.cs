using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// Nightshift as a node: a <c>nightshift run</c> process on free 127.0.0.1 ports with its data folder under the
/// benchmark's folder, fed the same line protocol bodies as the peers through its InfluxDB-compatible
/// <c>POST /write?precision=s</c> (signed in as the admin, bearer token). Ingest is timed until the historian's
/// <c>nightshift_history_points_written_total</c> (on <c>/metrics</c>) has grown by every point, i.e. until the points
/// are in the DuckDB file. Queries are not repeated here (the in-process run measures the same engine).
/// </summary>
public sealed class NightshiftHttpTarget : IBenchTarget
{
    private const string PointsWrittenMetric = "nightshift_history_points_written_total";

    /// <inheritdoc />
    public string Name => "Nightshift node (HTTP /write)";

    /// <inheritdoc />
    public string Key => "nightshift-http";

    /// <inheritdoc />
    public async Task<SystemResult> RunAsync(PlantDataSet data, QueryPlan plan, BenchOptions options, string folder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var executable = options.NightshiftExecutable ?? FindReleaseBuild();
        if (executable is null || !File.Exists(executable))
        {
            return SystemResult.NotAvailable(Name, Key, "the nightshift executable was not found: build src/Nightshift.Cli in Release (scripts/bench-history.sh does) or pass --nightshift PATH");
        }

        var port = PeerProcess.FreePort();
        var mqttPort = PeerProcess.FreePort();
        var dataFolder = Path.Combine(folder, "data");
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
        var node = PeerProcess.Start(
            executable,
            ["run", "--data", dataFolder, "--urls", $"http://127.0.0.1:{port}", "--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture), "--tenant", "bench"],
            folder,
            Path.Combine(folder, "node.log"),
            new Dictionary<string, string> { ["NIGHTSHIFT_ADMIN_PASSWORD"] = password });
        SystemResult result;
        await using (node.ConfigureAwait(false))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            await Poll.UntilAsync(t => Poll.HttpOkAsync(http, new Uri("/healthz", UriKind.Relative), t), TimeSpan.FromSeconds(60), "nightshift run start-up", ct).ConfigureAwait(false);
            using (var signIn = await http.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { username = "admin", password }, ct).ConfigureAwait(false))
            {
                signIn.EnsureSuccessStatusCode();
                var body = await signIn.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
            }

            var before = await PointsWrittenAsync(http, ct).ConfigureAwait(false);
            var bodies = LineProtocolPayloads.Encode(data, ct);
            var started = Stopwatch.GetTimestamp();
            await HttpIngest.PostAllAsync(http, new Uri("/write?db=bench&precision=s", UriKind.Relative), bodies, ct).ConfigureAwait(false);
            var acknowledged = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Poll.UntilAsync(
                async t => await PointsWrittenAsync(http, t).ConfigureAwait(false) >= before + data.TotalPoints,
                TimeSpan.FromMinutes(10),
                $"{data.TotalPoints:N0} points written to the history file",
                ct).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var bytes = HistoryBytes(dataFolder);
            result = new SystemResult(Name, Key)
            {
                IngestPointsPerSecond = data.TotalPoints / seconds,
                BytesPerPoint = (double)bytes / data.TotalPoints,
                Notes =
                [
                    $"the whole node (auth, line protocol parser, normalizer, twins, historian) from `{Path.GetFileName(executable)} run`; {HttpIngest.Parallelism} requests in flight of {LineProtocolPayloads.PointsPerRequest:N0} points; all acknowledged after {acknowledged:0.0} s ({data.TotalPoints / acknowledged:N0} points/s), all in the history file after {seconds:0.0} s; acknowledged means in the fsynced write-ahead log; size is the data folder's history (history.duckdb, its DuckDB WAL and the write-ahead log) at that moment; queries: see the in-process row",
                ],
            };
        }

        return result;
    }

    private static long HistoryBytes(string dataFolder) =>
        Directory.Exists(dataFolder)
            ? new DirectoryInfo(dataFolder).EnumerateFiles("history.duckdb*").Sum(f => f.Length) + DiskUsage.Of(Path.Combine(dataFolder, "wal"))
            : 0;

    private static async Task<double> PointsWrittenAsync(HttpClient http, CancellationToken ct)
    {
        var text = await HttpIngest.GetAsync(http, new Uri("/metrics", UriKind.Relative), ct).ConfigureAwait(false);
        var total = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(PointsWrittenMetric, StringComparison.Ordinal)
                && (line.Length == PointsWrittenMetric.Length || line[PointsWrittenMetric.Length] is '{' or ' ')
                && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                total += value;
            }
        }

        return total;
    }

    private static string? FindReleaseBuild()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Nightshift.slnx")))
            {
                return Path.Combine(folder.FullName, "src", "Nightshift.Cli", "bin", "Release", "net10.0", "nightshift");
            }
        }

        return null;
    }
}
