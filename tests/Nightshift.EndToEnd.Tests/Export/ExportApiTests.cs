using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Export;

/// <summary><c>GET /api/v1/export</c> on the shared platform: authentication, tenant scope, refusals, audit and metrics.</summary>
public sealed class ExportApiTests(SharedPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_export_needs_authentication()
    {
        using var anonymous = platform.CreateAnonymousClient();

        using var response = await anonymous.GetAsync(new Uri("/api/v1/export?tags=a/b.c", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_tags_answer_404_with_their_name_and_bad_requests_400_with_the_reason()
    {
        var data = ExportTestData.Create(10);
        await data.IngestAsync(platform.Http, Ct);
        var known = Uri.EscapeDataString(data.Tags[0]);
        var unknown = data.Site + "/bench/pump-1.nothing";

        var (status, detail) = await GetProblemAsync($"/api/v1/export?tags={known},{Uri.EscapeDataString(unknown)}");
        status.ShouldBe(HttpStatusCode.NotFound);
        detail.ShouldContain(unknown);

        var tooMany = string.Join(',', Enumerable.Range(0, 101).Select(i => $"{data.Site}/bench/pump-{i}.flow"));
        foreach (var (query, reason) in new[]
        {
            ($"tags={known}&from=2026-11-25T09:00:00Z&to=2026-11-25T08:00:00Z", "must be before"),
            ($"tags={known}&from=yesterday", "ISO-8601"),
            ($"tags={known}&format=xlsx", "csv or parquet"),
            ($"tags={known}&layout=tall", "long or wide"),
            ($"tags={known}&interval=fortnight", "interval"),
            ($"tags={Uri.EscapeDataString(tooMany)}", "at most 100 tags"),
            ("tags=", "at least one tag"),
            ("tags=no-dot-here", "tag path"),
        })
        {
            var (badStatus, badDetail) = await GetProblemAsync("/api/v1/export?" + query);
            badStatus.ShouldBe(HttpStatusCode.BadRequest, query);
            badDetail.ShouldContain(reason, Case.Sensitive, query);
        }
    }

    [Fact]
    public async Task Each_tenant_exports_only_its_own_history_of_the_same_tag_path()
    {
        var tenant = "export-" + Guid.NewGuid().ToString("N")[..8];
        var password = SharedPlatform.NewPassword();
        await AddUserAsync(tenant, "ops", password);
        using var other = await SharedPlatform.CreateAuthorizedClientAsync(platform.BaseUrl, tenant + "/ops", password, Ct);
        var data = ExportTestData.Create(20);
        await data.IngestAsync(platform.Http, Ct);
        var tag = data.Tags[0];

        // The same path does not exist in the other tenant yet: 404, nothing of the demo tenant's history.
        using (var missing = await other.GetAsync(new Uri(ExportPath(tag, data), UriKind.Relative), Ct))
        {
            missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // Once the other tenant has the tag, each exports its own values.
        var at = ExportTestData.Iso(data.From.AddSeconds(1));
        using (var posted = await other.PostAsJsonAsync("/api/v1/ingest", new { samples = new[] { new { tag, value = 12345.5, timestamp = at } } }, Ct))
        {
            posted.EnsureSuccessStatusCode();
        }

        var theirs = await Poll.UntilAsync(
            async ct => await other.GetStringAsync(new Uri(ExportPath(tag, data), UriKind.Relative), ct),
            csv => csv.Split("\r\n").Length == 3,
            TimeSpan.FromSeconds(20),
            "the other tenant's own sample in its export",
            Ct);
        theirs.ShouldBe($"time,tag,value,quality\r\n{at},{tag},12345.5,Good\r\n");
        var ours = await platform.Http.GetStringAsync(new Uri(ExportPath(tag, data), UriKind.Relative), Ct);
        ours.ShouldNotContain("12345.5");
        ours.Split("\r\n").Length.ShouldBe(data.Samples.Count(s => s.Tag == tag) + 2);
    }

    [Fact]
    public async Task A_csv_export_is_a_named_attachment_with_its_range_in_the_headers_and_is_audited_and_counted()
    {
        var data = ExportTestData.Create(50);
        await data.IngestAsync(platform.Http, Ct);

        using var response = await platform.Http.GetAsync(new Uri(data.ExportPath("csv"), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldEndWith(".csv");
        response.Headers.GetValues("X-Nightshift-Export-From").Single().ShouldStartWith(data.From.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n");
        lines[1..^1].ShouldBe(data.ExpectedCsvLines());

        await Poll.UntilAsync(
            async ct =>
            {
                var events = await platform.Http.GetJsonAsync("/api/v1/events?kind=audit&limit=1000", ct);
                return events.GetProperty("events").EnumerateArray().Any(e =>
                    e.GetProperty("message").GetString()!.StartsWith("history.export", StringComparison.Ordinal)
                    && e.GetProperty("message").GetString()!.Contains(data.Site, StringComparison.Ordinal));
            },
            TimeSpan.FromSeconds(20),
            "the audit entry of the export",
            Ct);
        PrometheusText.Sum(await platform.Http.GetMetricsAsync(Ct), "nightshift_export_requests_total", ("format", "csv")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_parquet_export_is_served_as_parquet()
    {
        var data = ExportTestData.Create(10);
        await data.IngestAsync(platform.Http, Ct);

        using var response = await platform.Http.GetAsync(new Uri(data.ExportPath("parquet"), UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.apache.parquet");
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        bytes.AsSpan(0, 4).SequenceEqual("PAR1"u8).ShouldBeTrue();
        bytes.AsSpan(bytes.Length - 4).SequenceEqual("PAR1"u8).ShouldBeTrue();
    }

    private static string ExportPath(string tag, ExportTestData data) =>
        $"/api/v1/export?tags={Uri.EscapeDataString(tag)}&from={ExportTestData.Iso(data.From)}&to={ExportTestData.Iso(data.To)}";

    private async Task<(HttpStatusCode Status, string Detail)> GetProblemAsync(string pathAndQuery)
    {
        using var response = await platform.Http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var problem = JsonDocument.Parse(body);
        return (response.StatusCode, problem.RootElement.GetProperty("detail").GetString() ?? string.Empty);
    }

    private async Task AddUserAsync(string tenant, string username, string password)
    {
        var dataDirectory = platform.Process?.DataDirectory
            ?? throw new InvalidOperationException("This test creates a user in the node's data folder; it needs the platform the suite starts itself (unset NIGHTSHIFT_TEST_URL).");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[RepositoryLayout.CliDll, "user", "add", "--data", dataDirectory, "--tenant", tenant, "--username", username, "--role", "operator"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(password.AsMemory(), Ct);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        process.ExitCode.ShouldBe(0, $"nightshift user add: {await output} {await error}");
    }
}
