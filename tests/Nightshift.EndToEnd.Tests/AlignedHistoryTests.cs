using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// <c>GET /api/v1/history/aligned</c> on the shared instance: two tags ingested at different times answer on one time axis,
/// as sample-and-hold and as bucket averages, in JSON and CSV; unknown tags get 404 and bad intervals 400.
/// </summary>
public sealed class AlignedHistoryTests(SharedPlatform platform)
{
    private static readonly DateTime T0 = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_tags_answer_on_one_time_axis_in_json_and_csv()
    {
        var site = "aligned-" + Guid.NewGuid().ToString("N")[..8];
        var a = $"{site}/bench/rig.a";
        var b = $"{site}/bench/rig.b";
        var body = $$"""
            {"samples": [
              {"tag": "{{a}}", "value": 1.0, "timestamp": "2026-03-02T07:59:00Z"},
              {"tag": "{{a}}", "value": 3.0, "timestamp": "2026-03-02T08:00:30Z"},
              {"tag": "{{b}}", "value": 10.0, "timestamp": "2026-03-02T07:59:30Z"},
              {"tag": "{{b}}", "value": 20.0, "timestamp": "2026-03-02T08:00:40Z"}]}
            """;
        using (var content = new StringContent(body, Encoding.UTF8, "application/json"))
        using (var ingested = await platform.Http.PostAsync(new Uri("/api/v1/ingest", UriKind.Relative), content, Ct))
        {
            ingested.EnsureSuccessStatusCode();
        }

        var query = $"/api/v1/history/aligned?tags={a},{b}&from=2026-03-02T08:00:00Z&to=2026-03-02T08:02:00Z&interval=1m";
        var previous = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync(query, ct),
            r => r.GetProperty("series").EnumerateArray().All(t => t.GetProperty("values")[1].ValueKind == JsonValueKind.Number),
            TimeSpan.FromSeconds(15),
            "the ingested samples in aligned history",
            Ct);
        previous.GetProperty("times").EnumerateArray().Select(t => t.GetDateTime().ToUniversalTime()).ShouldBe([T0, T0.AddMinutes(1)]);
        Values(previous, 0).ShouldBe([1.0, 3.0], "sample and hold: the value from before 'from' counts");
        Values(previous, 1).ShouldBe([10.0, 20.0]);

        var average = await platform.Http.GetJsonAsync(query + "&mode=average", Ct);
        Values(average, 0).ShouldBe([3.0, null]);
        Values(average, 1).ShouldBe([20.0, null]);

        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(query, UriKind.Relative));
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await platform.Http.SendAsync(csvRequest, Ct);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldBe($"time,{a},{b}");
        lines.Length.ShouldBe(3);
        lines[2].ShouldEndWith(",3,20");

        using var unknown = await platform.Http.GetAsync(new Uri($"/api/v1/history/aligned?tags={site}/bench/rig.nothing", UriKind.Relative), Ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var badInterval = await platform.Http.GetAsync(new Uri(query.Replace("interval=1m", "interval=soon", StringComparison.Ordinal), UriKind.Relative), Ct);
        badInterval.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static double?[] Values(JsonElement result, int series) =>
        [.. result.GetProperty("series")[series].GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null)];
}
