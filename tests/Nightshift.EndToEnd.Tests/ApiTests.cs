using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>The REST API of the shared demo instance: authentication on every route, the asset model, live tags, history.</summary>
public sealed class ApiTests(SharedPlatform platform)
{
    private const string PressLine = "stuttgart/press-shop/press-line";
    private const string Press1 = PressLine + "/presses/press-1";

    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/api/v1/assets" },
        { "GET", "/api/v1/tags" },
        { "GET", "/api/v1/tags/" + Press1 + ".power/history" },
        { "POST", "/api/v1/ingest" },
        { "GET", "/metrics" },
        { "GET", "/openapi/v1.json" },
        { "POST", "/hubs/live/negotiate?negotiateVersion=1" },
        { "GET", "/api/v1/alarms" },
        { "POST", "/api/v1/alarms/x~y/ack" },
        { "GET", "/api/v1/alarms/kpis" },
        { "GET", "/api/v1/users" },
        { "POST", "/api/v1/api-keys" },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_probe_answers_without_authentication()
    {
        using var anonymous = platform.CreateAnonymousClient();

        using var response = await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_other_route_is_refused_without_credentials(string method, string route)
    {
        using var anonymous = platform.CreateAnonymousClient();
        using var request = Request(method, route);

        using var response = await anonymous.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {route}");
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_other_route_is_refused_with_a_wrong_token(string method, string route)
    {
        using var anonymous = platform.CreateAnonymousClient();
        using var request = Request(method, route);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nst_not-a-token-" + Guid.NewGuid().ToString("N"));

        using var response = await anonymous.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {route}");
    }

    [Fact]
    public async Task Token_is_refused_for_a_wrong_password()
    {
        using var anonymous = platform.CreateAnonymousClient();

        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = SharedPlatform.AdminUser, password = "wrong-" + Guid.NewGuid() }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Routes_answer_with_the_admins_token()
    {
        foreach (var route in (string[])["/api/v1/assets", "/api/v1/tags?under=" + Press1, "/metrics", "/openapi/v1.json"])
        {
            using var response = await platform.Http.GetAsync(new Uri(route, UriKind.Relative), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, route);
        }
    }

    [Fact]
    public async Task Assets_return_the_virtual_plant_hierarchy_with_types()
    {
        var body = await platform.Http.GetJsonAsync("/api/v1/assets", Ct);

        body.GetProperty("tenant").GetString().ShouldBe("demo");
        var site = body.GetProperty("assets").EnumerateArray().Single(a => a.GetProperty("path").GetString() == "stuttgart");
        site.GetProperty("kind").GetString().ShouldBe("Site");
        var nodes = Flatten(site).ToDictionary(n => n.GetProperty("path").GetString()!, StringComparer.Ordinal);

        nodes[PressLine].GetProperty("kind").GetString().ShouldBe("Line");
        var presses = EquipmentUnder(nodes.Values, PressLine);
        presses.Count.ShouldBe(4);
        presses.ShouldAllBe(p => p.GetProperty("type").GetString() == "Press");
        presses.ShouldAllBe(p => p.GetProperty("source").GetString()!.StartsWith("spBv1.0/VirtualPlant/press-line/", StringComparison.Ordinal));

        var welding = nodes["stuttgart/body-shop/welding"];
        var cells = welding.GetProperty("children").EnumerateArray().ToList();
        cells.Count.ShouldBe(2);
        cells.ShouldAllBe(c => c.GetProperty("kind").GetString() == "Cell");
        foreach (var cell in cells)
        {
            var robots = cell.GetProperty("children").EnumerateArray().ToList();
            robots.Count.ShouldBe(6);
            robots.ShouldAllBe(r => r.GetProperty("type").GetString() == "WeldingRobot");
        }

        nodes.ShouldContainKey("stuttgart/paint-shop/paint/oven");
        nodes.ShouldContainKey("stuttgart/machining/cnc/cnc-cell/cnc-6");
        nodes.ShouldContainKey("stuttgart/energy/energy/grid-meter");
        nodes.Values.Count(n => n.GetProperty("kind").GetString() == "Equipment").ShouldBe(29);

        var types = body.GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, StringComparer.Ordinal);
        string[] expectedTypes = ["Press", "WeldingRobot", "PaintOven", "CncMachine", "AirCompressor", "Chiller", "SolarPlant", "ElectricityMeter", "GasMeter"];
        expectedTypes.ShouldBeSubsetOf(types.Keys);
        var pressTags = types["Press"].GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, StringComparer.Ordinal);
        pressTags["power"].GetProperty("unit").GetString().ShouldBe("kW");
        pressTags["goodCount"].GetProperty("dataType").GetString().ShouldBe("Long");
    }

    [Fact]
    public async Task Assets_under_a_line_return_only_that_line()
    {
        var body = await platform.Http.GetJsonAsync("/api/v1/assets?under=" + PressLine, Ct);

        var roots = body.GetProperty("assets").EnumerateArray().ToList();
        roots.Count.ShouldBe(1);
        roots[0].GetProperty("path").GetString().ShouldBe(PressLine);
        body.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["Press"]);
    }

    [Fact]
    public async Task Tags_of_a_press_have_values_with_units_and_good_quality()
    {
        string[] keyTags = ["power", "strokeRate", "vibration", "goodCount", "dieTemperature"];

        var tags = await Poll.UntilAsync(
            ct => platform.Http.GetTagsAsync(Press1, ct),
            t => keyTags.All(k => t.TryGetValue($"{Press1}.{k}", out var tag) && tag.GetProperty("value").ValueKind != JsonValueKind.Null),
            TimeSpan.FromSeconds(30),
            "values of press-1's key tags",
            Ct);

        tags[$"{Press1}.power"].GetProperty("unit").GetString().ShouldBe("kW");
        tags[$"{Press1}.vibration"].GetProperty("unit").GetString().ShouldBe("mm/s");
        tags[$"{Press1}.goodCount"].GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Number);
        foreach (var key in keyTags)
        {
            var tag = tags[$"{Press1}.{key}"];
            tag.GetProperty("quality").GetString().ShouldBe("Good", key);
            tag.GetProperty("seriesId").GetInt32().ShouldBeGreaterThan(0);
            tag.Timestamp().ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(-5));
        }
    }

    [Fact]
    public async Task Good_count_of_the_press_line_rises_over_time()
    {
        var first = await Poll.UntilAsync(ct => PressLineGoodCountAsync(ct), c => c > 0, TimeSpan.FromSeconds(30), "a good count on the press line", Ct);

        var later = await Poll.UntilAsync(ct => PressLineGoodCountAsync(ct), c => c > first, TimeSpan.FromSeconds(45), $"the press line's good count to rise above {first}", Ct);

        later.ShouldBeGreaterThan(first);
    }

    [Fact]
    public async Task History_of_a_press_tag_has_ordered_points_within_max_points()
    {
        const int maxPoints = 20;
        var from = DateTime.UtcNow.AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture);
        var route = $"/api/v1/tags/{Press1}.power/history?from={Uri.EscapeDataString(from)}&maxPoints={maxPoints}";

        var history = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync(route, ct),
            h => h.GetProperty("points").GetArrayLength() >= 3,
            TimeSpan.FromSeconds(45),
            "three points of press-1.power in history",
            Ct);

        history.GetProperty("path").GetString().ShouldBe(Press1 + ".power");
        history.GetProperty("unit").GetString().ShouldBe("kW");
        history.GetProperty("maxPoints").GetInt32().ShouldBe(maxPoints);
        var points = history.GetProperty("points").EnumerateArray().ToList();
        points.Count.ShouldBeLessThanOrEqualTo(maxPoints);
        var times = points.Select(p => p.GetProperty("t").GetDateTime()).ToList();
        times.ShouldBe(times.Order().ToList());
        points.ShouldAllBe(p => p.GetProperty("v").ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public async Task History_is_decimated_to_max_points_as_data_accumulates()
    {
        var route = $"/api/v1/tags/{Press1}.goodCount/history?maxPoints=3";

        var history = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync(route, ct),
            h => h.GetProperty("points").GetArrayLength() >= 2,
            TimeSpan.FromSeconds(45),
            "points of press-1.goodCount in history",
            Ct);

        history.GetProperty("points").GetArrayLength().ShouldBeLessThanOrEqualTo(3);
    }

    [Fact]
    public async Task Bad_history_requests_get_400_with_a_reason_and_are_counted()
    {
        var before = PrometheusText.Sum(await platform.Http.GetMetricsAsync(Ct), "nightshift_api_errors_total", ("kind", "bad_time"));

        using var response = await platform.Http.GetAsync(new Uri($"/api/v1/tags/{Press1}.power/history?from=yesterday", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDetailAsync(response)).ShouldContain("yesterday");
        await Poll.UntilAsync(
            async ct => PrometheusText.Sum(await platform.Http.GetMetricsAsync(ct), "nightshift_api_errors_total", ("kind", "bad_time")) > before,
            TimeSpan.FromSeconds(10),
            "nightshift_api_errors_total{kind=\"bad_time\"} to rise",
            Ct);
    }

    [Fact]
    public async Task Unknown_tag_history_is_404()
    {
        using var response = await platform.Http.GetAsync(new Uri($"/api/v1/tags/{Press1}.no-such-tag/history", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    internal static async Task<string> ProblemDetailAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("detail").GetString() ?? string.Empty;
    }

    private async Task<long> PressLineGoodCountAsync(CancellationToken ct)
    {
        var tags = await platform.Http.GetTagsAsync(PressLine, ct);
        return tags.Where(t => t.Key.EndsWith(".goodCount", StringComparison.Ordinal) && t.Value.GetProperty("value").ValueKind == JsonValueKind.Number)
            .Sum(t => t.Value.GetProperty("value").GetInt64());
    }

    private static HttpRequestMessage Request(string method, string route)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(route, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new StringContent("""{"samples":[]}""", Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement node) =>
        node.GetProperty("children").EnumerateArray().SelectMany(Flatten).Prepend(node);

    private static List<JsonElement> EquipmentUnder(IEnumerable<JsonElement> nodes, string path) =>
        nodes.Where(n => n.GetProperty("kind").GetString() == "Equipment" && n.GetProperty("path").GetString()!.StartsWith(path + "/", StringComparison.Ordinal)).ToList();
}
