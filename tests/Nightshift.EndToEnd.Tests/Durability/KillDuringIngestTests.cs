using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Durability;

/// <summary>
/// A platform of its own is killed with SIGKILL (<c>kill -9</c>) in the middle of ingest over HTTP and MQTT QoS 1, a
/// torn write is added to its write-ahead log, and it is started again on the same data folder: every point whose
/// HTTP 2xx or PUBACK arrived before the kill is in history; points not acknowledged may or may not be.
/// </summary>
public sealed class KillDuringIngestTests : IAsyncLifetime
{
    private const int HttpWriters = 4;
    private const int MqttWriters = 2;
    private const int SamplesPerRequest = 5;

    private readonly string _password = SharedPlatform.NewPassword();
    private readonly string _site = "dur-" + Guid.NewGuid().ToString("N")[..8];
    private readonly DateTime _base = DateTime.UtcNow.AddMinutes(-30).Date.AddHours(DateTime.UtcNow.AddMinutes(-30).Hour);

    /// <summary>Per tag path, the indexes of the acknowledged points (value = index, timestamp = base + index ms).</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, bool>> _acknowledged = new(StringComparer.Ordinal);
    private string _dataDirectory = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _dataDirectory = TemporaryDirectory.Create("kill");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        TemporaryDirectory.Delete(_dataDirectory);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Every_point_acknowledged_over_http_and_mqtt_qos_1_is_in_history_after_kill_9_and_a_restart()
    {
        var first = await PlatformProcess.StartAsync("run", _dataDirectory, _password, ["--plant", RepositoryLayout.VirtualPlantFile], Ct);
        await using (first)
        {
            using var http = await SharedPlatform.CreateAuthorizedClientAsync(first.BaseUrl, SharedPlatform.AdminUser, _password, Ct);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var writers = Enumerable.Range(0, HttpWriters).Select(w => Task.Run(() => IngestOverHttpAsync(http, $"{_site}/http/writer-{w}.v", stop.Token), Ct))
                .Concat(Enumerable.Range(0, MqttWriters).Select(w => Task.Run(() => PublishOverMqttAsync(first.MqttPort, $"{_site}/mqtt-{w}", stop.Token), Ct)))
                .ToList();

            // Kill while every writer is busy: after a good number of acknowledgements of both kinds.
            await Poll.UntilAsync(
                _ => Task.FromResult(Count("/http/") >= 600 && Count("/mqtt-") >= 30),
                TimeSpan.FromSeconds(90),
                "600 points acknowledged over HTTP and 30 over MQTT",
                Ct);
            writers.ShouldAllBe(w => !w.IsCompleted);
            await first.KillAsync(Ct);
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            first.Log.Lines.ShouldNotContain("Stopped.");
        }

        // As if the machine had also died in the middle of a write: garbage after the last record.
        var segment = Directory.GetFiles(Path.Combine(_dataDirectory, "wal"), "*.wal").Order(StringComparer.Ordinal).Last();
        await using (var tail = new FileStream(segment, FileMode.Append, FileAccess.Write))
        {
            await tail.WriteAsync(new byte[] { 0xFF, 0xFF, 0x7F, 0x00, 0x12, 0x34, 0x56, 0x78, 0x01, 0x02 }, Ct);
        }

        var second = await PlatformProcess.StartAsync("run", _dataDirectory, _password, ["--plant", RepositoryLayout.VirtualPlantFile], Ct);
        await using (second)
        {
            second.Log.Lines.ShouldContain(l => l.Contains("recovered up to the last valid record", StringComparison.Ordinal), second.Log.Tail());
            var replayed = second.Log.Lines.FirstOrDefault(l => l.Contains("Write-ahead log opened", StringComparison.Ordinal));
            TestContext.Current.TestOutputHelper?.WriteLine($"acknowledged before the kill: {Count("/http/")} points over HTTP, {Count("/mqtt-")} over MQTT; on restart: {replayed?.Trim()}");
            using var http = await SharedPlatform.CreateAuthorizedClientAsync(second.BaseUrl, SharedPlatform.AdminUser, _password, Ct);
            foreach (var (tag, indexes) in _acknowledged)
            {
                var from = Uri.EscapeDataString(_base.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture));
                var to = Uri.EscapeDataString(_base.AddHours(1).ToString("O", CultureInfo.InvariantCulture));
                var history = await http.GetJsonAsync($"/api/v1/tags/{tag}/history?from={from}&to={to}&maxPoints=100000", Ct);
                var stored = history.GetProperty("points").EnumerateArray().ToDictionary(
                    p => p.GetProperty("t").GetDateTime().ToUniversalTime(),
                    p => p.GetProperty("v").GetDouble());
                var missing = indexes.Keys.Where(i => !stored.TryGetValue(TimeOf(i), out var value) || value != i).Order().ToList();
                missing.ShouldBeEmpty($"{tag}: {missing.Count} of {indexes.Count} acknowledged points are missing from history, the first {string.Join(", ", missing.Take(10))}");
            }

            (await second.StopAsync(Ct)).ShouldBe(0, second.Log.Tail());
            second.Log.UnexpectedErrors().ShouldBeEmpty();
        }
    }

    private int Count(string fragment) => _acknowledged.Where(p => p.Key.Contains(fragment, StringComparison.Ordinal)).Sum(p => p.Value.Count);

    private DateTime TimeOf(int index) => _base.AddMilliseconds(index);

    private string Iso(int index) => TimeOf(index).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Posts batches of samples until stopped or the platform is gone; records the points of every 200.</summary>
    private async Task IngestOverHttpAsync(HttpClient http, string tag, CancellationToken stop)
    {
        var acknowledged = _acknowledged.GetOrAdd(tag, _ => new());
        for (var next = 0; !stop.IsCancellationRequested; next += SamplesPerRequest)
        {
            var samples = Enumerable.Range(next, SamplesPerRequest)
                .Select(i => $$"""{"tag": "{{tag}}", "value": {{i}}, "timestamp": "{{Iso(i)}}"}""");
            using var body = new StringContent($$"""{"samples": [{{string.Join(",", samples)}}]}""", Encoding.UTF8, "application/json");
            try
            {
                using var response = await http.PostAsync(new Uri("/api/v1/ingest", UriKind.Relative), body, stop);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                return; // killed, or stopped: this batch was not acknowledged
            }

            for (var i = next; i < next + SamplesPerRequest; i++)
            {
                acknowledged[i] = true;
            }
        }
    }

    /// <summary>
    /// Publishes one point per message with QoS 1 (<c>mosquitto_pub -q 1</c> exits with 0 only once the PUBACK came)
    /// until stopped or the platform is gone; records the point of every acknowledged message.
    /// </summary>
    private async Task PublishOverMqttAsync(int port, string device, CancellationToken stop)
    {
        var acknowledged = _acknowledged.GetOrAdd(device + ".v", _ => new());
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            ToolResult result;
            try
            {
                result = await Mosquitto.PublishAsync(port, SharedPlatform.AdminUser, _password, "nightshift/json/" + device, $$$"""{"timestamp": "{{{Iso(i)}}}", "values": {"v": {{{i}}}}}""", stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
                return; // stopped: this message may or may not have been acknowledged, so it is not counted
            }

            if (result.ExitCode != 0)
            {
                return;
            }

            acknowledged[i] = true;
        }
    }
}
