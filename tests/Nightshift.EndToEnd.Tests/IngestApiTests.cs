using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary><c>POST /api/v1/ingest</c> on the shared instance: accepted batches reach the twins and history; bad ones are refused whole.</summary>
public sealed class IngestApiTests(SharedPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ingested_batch_is_visible_as_discovered_equipment_in_tags_and_history()
    {
        var site = UniqueSite();
        var now = DateTime.UtcNow;
        var t1 = Iso(now.AddSeconds(-30));
        var t2 = Iso(now.AddSeconds(-20));
        var before = PrometheusText.Sum(await platform.Http.GetMetricsAsync(Ct), "nightshift_ingest_samples_total");

        using var response = await PostAsync($$"""
            {"samples": [
              {"tag": "{{site}}/bench/pump-1.temperature", "value": 21.5, "timestamp": "{{t1}}"},
              {"tag": "{{site}}/bench/pump-1.temperature", "value": 22.25, "timestamp": "{{t2}}"},
              {"tag": "{{site}}/bench/pump-1.running", "value": true, "timestamp": "{{t2}}"},
              {"tag": "{{site}}/bench/pump-1.mode", "value": "auto", "quality": "uncertain", "timestamp": "{{t2}}"},
              {"tag": "{{site}}/bench/pump-1.starts", "value": 12, "timestamp": "{{t2}}"}
            ]}
            """);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var tags = await Poll.UntilAsync(
            ct => platform.Http.GetTagsAsync(site, ct),
            t => t.Count == 4 && t.Values.All(v => v.GetProperty("value").ValueKind != JsonValueKind.Null),
            TimeSpan.FromSeconds(15),
            $"the ingested tags under {site}",
            Ct);
        tags[$"{site}/bench/pump-1.temperature"].GetProperty("value").GetDouble().ShouldBe(22.25);
        tags[$"{site}/bench/pump-1.running"].GetProperty("value").GetBoolean().ShouldBeTrue();
        tags[$"{site}/bench/pump-1.mode"].GetProperty("value").GetString().ShouldBe("auto");
        tags[$"{site}/bench/pump-1.mode"].GetProperty("quality").GetString().ShouldBe("Uncertain");
        tags[$"{site}/bench/pump-1.starts"].GetProperty("value").GetInt64().ShouldBe(12);

        var assets = await platform.Http.GetJsonAsync("/api/v1/assets?under=" + site, Ct);
        var equipment = assets.GetProperty("assets")[0].GetProperty("children")[0].GetProperty("children")[0];
        equipment.GetProperty("path").GetString().ShouldBe($"{site}/bench/pump-1");
        equipment.GetProperty("kind").GetString().ShouldBe("Equipment");

        var history = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync($"/api/v1/tags/{site}/bench/pump-1.temperature/history?from={Uri.EscapeDataString(Iso(now.AddMinutes(-5)))}", ct),
            h => h.GetProperty("points").GetArrayLength() == 2,
            TimeSpan.FromSeconds(15),
            "both temperature points in history",
            Ct);
        history.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("v").GetDouble()).ShouldBe([21.5, 22.25]);

        // The exposition is cached for a moment by the exporter: poll it.
        var metrics = await Poll.UntilAsync(
            ct => platform.Http.GetMetricsAsync(ct),
            m => PrometheusText.Sum(m, "nightshift_ingest_samples_total") >= before + 5,
            TimeSpan.FromSeconds(10),
            $"nightshift_ingest_samples_total to count the 5 samples (was {before})",
            Ct);
        PrometheusText.Has(metrics, "nightshift_ingest_batch_size_count").ShouldBeTrue();
    }

    [Theory]
    [InlineData("invalid JSON", """{"samples": [ {"tag": "SITE/bench/pump-1.temperature", "value": 1.0 """, "JSON")]
    [InlineData("no samples", """{"values": []}""", "samples")]
    [InlineData("missing value", """{"samples": [ {"tag": "SITE/bench/pump-1.temperature", "value": 1.0}, {"tag": "SITE/bench/pump-1.pressure"} ]}""", "value")]
    [InlineData("missing tag", """{"samples": [ {"tag": "SITE/bench/pump-1.temperature", "value": 1.0}, {"value": 2.0} ]}""", "tag")]
    [InlineData("bad tag path", """{"samples": [ {"tag": "SITE/bench/pump-1.temperature", "value": 1.0}, {"tag": "SITE//bad path!.x", "value": 2.0} ]}""", "tag")]
    [InlineData("bad timestamp", """{"samples": [ {"tag": "SITE/bench/pump-1.temperature", "value": 1.0}, {"tag": "SITE/bench/pump-1.pressure", "value": 2.0, "timestamp": "25.11.2026 08:00"} ]}""", "timestamp")]
    [InlineData("timestamp without zone", """{"samples": [ {"tag": "SITE/bench/pump-1.temperature", "value": 1.0}, {"tag": "SITE/bench/pump-1.pressure", "value": 2.0, "timestamp": "2026-11-25T08:00:00"} ]}""", "timestamp")]
    public async Task Invalid_batch_is_refused_with_a_reason_and_nothing_is_stored(string what, string body, string reasonMentions)
    {
        var site = UniqueSite();
        var before = PrometheusText.Sum(await platform.Http.GetMetricsAsync(Ct), "nightshift_api_errors_total", ("kind", "ingest_invalid"));

        using var response = await PostAsync(body.Replace("SITE", site, StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, what);
        (await ApiTests.ProblemDetailAsync(response)).ShouldContain(reasonMentions, Case.Insensitive, what);

        // A valid batch sent afterwards becomes visible; by then the refused one would have been too.
        var marker = UniqueSite();
        using (var accepted = await PostAsync($$"""{"samples": [ {"tag": "{{marker}}/bench/pump-1.temperature", "value": 1.0} ]}"""))
        {
            accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Poll.UntilAsync(async ct => (await platform.Http.GetTagsAsync(marker, ct)).Count == 1, TimeSpan.FromSeconds(15), "the marker batch", Ct);
        (await platform.Http.GetTagsAsync(site, Ct)).ShouldBeEmpty(what);
        using (var history = await platform.Http.GetAsync(new Uri($"/api/v1/tags/{site}/bench/pump-1.temperature/history", UriKind.Relative), Ct))
        {
            history.StatusCode.ShouldBe(HttpStatusCode.NotFound, what);
        }

        await Poll.UntilAsync(
            async ct => PrometheusText.Sum(await platform.Http.GetMetricsAsync(ct), "nightshift_api_errors_total", ("kind", "ingest_invalid")) > before,
            TimeSpan.FromSeconds(10),
            "nightshift_api_errors_total{kind=\"ingest_invalid\"} to rise",
            Ct);
    }

    [Fact]
    public async Task Ingest_needs_authentication()
    {
        using var anonymous = platform.CreateAnonymousClient();
        using var content = new StringContent($$"""{"samples": [ {"tag": "{{UniqueSite()}}/a/b.c", "value": 1} ]}""", Encoding.UTF8, "application/json");

        using var response = await anonymous.PostAsync(new Uri("/api/v1/ingest", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await platform.Http.PostAsync(new Uri("/api/v1/ingest", UriKind.Relative), content, Ct);
    }

    private static string UniqueSite() => "lab-" + Guid.NewGuid().ToString("N")[..10];

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
