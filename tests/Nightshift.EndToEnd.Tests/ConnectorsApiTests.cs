using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// The connector framework through the API: a Modbus connector defined with <c>POST /api/v1/connectors</c> polls a real
/// pymodbus server, its values show in <c>/api/v1/tags</c>, and its status follows the server going away and coming back.
/// </summary>
public sealed class ConnectorsApiTests(SharedPlatform platform)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static string Document(string name, int port, string equipment) => $$"""
        {"name":"{{name}}","kind":"modbus","enabled":true,"host":"127.0.0.1","port":{{port}},"equipment":"{{equipment}}",
         "timeoutMs":500,"reconnect":{"minDelayMs":100,"maxDelayMs":500},
         "pollGroups":[
           {"name":"fast","intervalMs":200,"points":[
             {"name":"power","unit":1,"table":"holding","address":6,"type":"float32","byteOrder":"ABCD","engUnit":"kW"},
             {"name":"temperature","unit":1,"table":"input","address":19,"type":"uint16","scale":0.01,"offset":-40,"engUnit":"°C"}]},
           {"name":"slow","intervalMs":500,"points":[{"name":"running","unit":1,"table":"coil","address":0,"type":"bool"}]}],
         "watchdog":{"missedIntervals":3} }
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_modbus_connector_created_through_the_api_delivers_values_and_follows_the_device_going_away_and_back()
    {
        await using var server = await PymodbusServer.StartAsync();
        var name = Unique("press-gw");
        var site = Unique("modbus-lab");
        var equipment = $"{site}/press-shop/press-1";
        using (var created = await platform.Http.PostAsync(new Uri("/api/v1/connectors", UriKind.Relative), Json(Document(name, server.Port, equipment)), Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
            var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
            body.GetProperty("name").GetString().ShouldBe(name);
            body.GetProperty("document").GetProperty("watchdog").GetProperty("missedIntervals").GetInt32().ShouldBe(3);
        }

        // Values arrive on the bound equipment, Good.
        var tags = await Poll.UntilAsync(
            ct => platform.Http.GetTagsAsync(site, ct),
            t => IsGood(t, equipment + ".power") && IsGood(t, equipment + ".temperature") && IsGood(t, equipment + ".running"),
            Deadline,
            $"Good values of {equipment} from the connector",
            Ct);
        tags[equipment + ".power"].GetProperty("value").GetDouble().ShouldBe(123.456, 0.001);
        tags[equipment + ".temperature"].GetProperty("value").GetDouble().ShouldBe(-18.5, 0.001);
        tags[equipment + ".running"].GetProperty("value").GetBoolean().ShouldBeTrue();
        var connected = await WaitForStateAsync(name, "Connected");
        connected.GetProperty("status").GetProperty("points").GetInt64().ShouldBeGreaterThan(0);
        connected.GetProperty("status").GetProperty("requests").GetInt64().ShouldBeGreaterThan(0);
        connected.GetProperty("status").GetProperty("lastDataTime").ValueKind.ShouldBe(JsonValueKind.String);
        (await platform.Http.GetJsonAsync("/api/v1/connectors", Ct)).EnumerateArray().ShouldContain(c => c.GetProperty("name").GetString() == name);

        // The device goes away: the connector is no longer Connected, says why, and the tags turn Bad.
        await server.KillAsync();
        var faulted = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync("/api/v1/connectors/" + name, ct),
            c => State(c) is "Faulted" or "Connecting" && c.GetProperty("status").GetProperty("lastError").ValueKind == JsonValueKind.String,
            Deadline,
            $"connector {name} to notice the server is gone",
            Ct);
        faulted.GetProperty("status").GetProperty("errors").GetInt64().ShouldBeGreaterThan(0);
        await Poll.UntilAsync(
            ct => platform.Http.GetTagsAsync(site, ct),
            t => IsBad(t, equipment + ".power") && IsBad(t, equipment + ".running"),
            Deadline,
            $"Bad quality on the tags of {equipment}",
            Ct);
        var lost = DateTime.UtcNow;

        // It comes back: Connected again and values flow.
        await server.RestartAsync();
        await WaitForStateAsync(name, "Connected");
        await Poll.UntilAsync(
            ct => platform.Http.GetTagsAsync(site, ct),
            t => IsGood(t, equipment + ".power") && t[equipment + ".power"].Timestamp() > lost,
            Deadline,
            $"fresh Good values of {equipment} after the server came back",
            Ct);

        // Disabled: stopped, and it says so.
        using (var disabled = await platform.Http.PostAsync(new Uri($"/api/v1/connectors/{name}/disable", UriKind.Relative), null, Ct))
        {
            disabled.StatusCode.ShouldBe(HttpStatusCode.OK, await disabled.Content.ReadAsStringAsync(Ct));
            var body = await disabled.Content.ReadFromJsonAsync<JsonElement>(Ct);
            State(body).ShouldBe("Disabled");
            body.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        }

        State(await platform.Http.GetJsonAsync("/api/v1/connectors/" + name, Ct)).ShouldBe("Disabled");
        using (var deleted = await platform.Http.DeleteAsync(new Uri($"/api/v1/connectors/{name}", UriKind.Relative), Ct))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var gone = await platform.Http.GetAsync(new Uri($"/api/v1/connectors/{name}", UriKind.Relative), Ct);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_document_gets_400_naming_the_field_and_an_unknown_connector_404()
    {
        var document = Document(Unique("bad"), 502, "lab/press-1").Replace("\"float32\"", "\"flaot32\"", StringComparison.Ordinal);
        using (var invalid = await platform.Http.PostAsync(new Uri("/api/v1/connectors", UriKind.Relative), Json(document), Ct))
        {
            invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await invalid.Content.ReadAsStringAsync(Ct)).ShouldContain("pollGroups[0].points[0].type: unknown type 'flaot32'");
        }

        var unknown = Unique("nobody");
        using (var get = await platform.Http.GetAsync(new Uri($"/api/v1/connectors/{unknown}", UriKind.Relative), Ct))
        {
            get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using var enable = await platform.Http.PostAsync(new Uri($"/api/v1/connectors/{unknown}/enable", UriKind.Relative), null, Ct);
        enable.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_viewer_lists_connectors_but_may_not_create_one()
    {
        var user = Unique("viewer");
        var password = SharedPlatform.NewPassword();
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = user, password, role = "viewer" }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        }

        using var viewer = await SharedPlatform.CreateAuthorizedClientAsync(platform.BaseUrl, user, password, Ct);
        using (var list = await viewer.GetAsync(new Uri("/api/v1/connectors", UriKind.Relative), Ct))
        {
            list.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var name = Unique("refused");
        using (var post = await viewer.PostAsync(new Uri("/api/v1/connectors", UriKind.Relative), Json(Document(name, 502, "lab/press-1")), Ct))
        {
            post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        using var get = await platform.Http.GetAsync(new Uri($"/api/v1/connectors/{name}", UriKind.Relative), Ct);
        get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string? State(JsonElement connector) => connector.GetProperty("status").GetProperty("state").GetString();

    private static bool IsGood(IReadOnlyDictionary<string, JsonElement> tags, string path) =>
        tags.TryGetValue(path, out var tag) && tag.GetProperty("quality").GetString() == "Good" && tag.GetProperty("value").ValueKind != JsonValueKind.Null;

    private static bool IsBad(IReadOnlyDictionary<string, JsonElement> tags, string path) =>
        tags.TryGetValue(path, out var tag) && tag.GetProperty("quality").GetString()?.StartsWith("Bad", StringComparison.Ordinal) == true;

    private Task<JsonElement> WaitForStateAsync(string name, string state) =>
        Poll.UntilAsync(ct => platform.Http.GetJsonAsync("/api/v1/connectors/" + name, ct), c => State(c) == state, Deadline, $"connector {name} to be {state}", Ct);
}
