using System.Globalization;
using System.Net;
using System.Text;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// A node of its own started with <c>nightshift run --history-engine postgres --history-connection …</c> against a
/// private PostgreSQL 15: it ingests over HTTP and reads the history back from PostgreSQL, with no DuckDB file.
/// </summary>
public sealed class PostgresHistoryTests : IAsyncLifetime
{
    private readonly string _password = SharedPlatform.NewPassword();
    private string _dataDirectory = string.Empty;
    private PostgresServer? _postgres;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _dataDirectory = TemporaryDirectory.Create("postgres");
        _postgres = await PostgresServer.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        TemporaryDirectory.Delete(_dataDirectory);
    }

    [Fact]
    public async Task A_node_with_the_postgres_history_engine_ingests_and_reads_history_from_postgresql()
    {
        var schema = "e2e_" + Guid.NewGuid().ToString("N")[..12];
        var node = await PlatformProcess.StartAsync(
            "run",
            _dataDirectory,
            _password,
            ["--history-engine", "postgres", "--history-connection", _postgres!.ConnectionString, "--history-schema", schema],
            Ct);
        await using (node)
        {
            using var http = await SharedPlatform.CreateAuthorizedClientAsync(node.BaseUrl, SharedPlatform.AdminUser, _password, Ct);
            var now = DateTime.UtcNow;
            using (var content = new StringContent(
                $$"""
                {"samples": [
                  {"tag": "lab/bench/pump-1.temperature", "value": 21.5, "timestamp": "{{Iso(now.AddSeconds(-30))}}"},
                  {"tag": "lab/bench/pump-1.temperature", "value": 22.25, "timestamp": "{{Iso(now.AddSeconds(-20))}}"}
                ]}
                """,
                Encoding.UTF8,
                "application/json"))
            using (var response = await http.PostAsync(new Uri("/api/v1/ingest", UriKind.Relative), content, Ct))
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
            }

            var history = await Poll.UntilAsync(
                ct => http.GetJsonAsync($"/api/v1/tags/lab/bench/pump-1.temperature/history?from={Uri.EscapeDataString(Iso(now.AddMinutes(-5)))}", ct),
                h => h.GetProperty("points").GetArrayLength() == 2,
                TimeSpan.FromSeconds(15),
                "both temperature points in the PostgreSQL history",
                Ct);

            history.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("v").GetDouble()).ShouldBe([21.5, 22.25]);
            node.Log.Lines.ShouldContain(l => l.Contains("History store opened in PostgreSQL", StringComparison.Ordinal) && l.Contains(schema, StringComparison.Ordinal));
            File.Exists(Path.Combine(_dataDirectory, "history.duckdb")).ShouldBeFalse();
            (await node.StopAsync(Ct)).ShouldBe(0, node.Log.Tail());
            node.Log.UnexpectedErrors().ShouldBeEmpty();
        }
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
