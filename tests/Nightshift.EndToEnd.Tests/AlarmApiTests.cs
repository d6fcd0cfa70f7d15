using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// Alarms of the virtual plant through the API: a press vibration over its HI limit is raised from ingested samples,
/// listed, acknowledged (not by a viewer), shelved and counted in the KPIs.
/// </summary>
public sealed class AlarmApiTests(SharedPlatform platform)
{
    private const string Press = "stuttgart/press-shop/press-line/presses/press-4";
    private const string AlarmId = "stuttgart.press-shop.press-line.presses.press-4~vibration.hi";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_vibration_over_the_limit_is_raised_acknowledged_shelved_and_counted()
    {
        var from = Iso(DateTime.UtcNow.AddMinutes(-1));
        var now = DateTime.UtcNow;

        // The HI limit is 7.1 mm/s with a 10 s on-delay. The samples reach ten minutes ahead of the simulator's, so its
        // own (older) vibration and state samples change nothing meanwhile; the state keeps the press out of suppression.
        using (var ingested = await platform.Http.PostAsync(
            new Uri("/api/v1/ingest", UriKind.Relative),
            new StringContent($$"""
                {"samples": [
                  {"tag": "{{Press}}.state", "value": "Running", "timestamp": "{{Iso(now.AddMinutes(10))}}"},
                  {"tag": "{{Press}}.vibration", "value": 15.5, "timestamp": "{{Iso(now)}}"},
                  {"tag": "{{Press}}.vibration", "value": 15.5, "timestamp": "{{Iso(now.AddSeconds(11))}}"},
                  {"tag": "{{Press}}.vibration", "value": 15.5, "timestamp": "{{Iso(now.AddMinutes(10))}}"}
                ]}
                """, System.Text.Encoding.UTF8, "application/json"),
            Ct))
        {
            ingested.StatusCode.ShouldBe(HttpStatusCode.OK, await ingested.Content.ReadAsStringAsync(Ct));
        }

        var alarm = await Poll.UntilAsync(
            ct => FindAsync("active", ct),
            a => a?.GetProperty("state").GetString() == "UnackActive",
            TimeSpan.FromSeconds(15),
            $"{AlarmId} to be active and unacknowledged",
            Ct);
        var raised = alarm!.Value;
        raised.GetProperty("equipment").GetString().ShouldBe(Press);
        raised.GetProperty("tag").GetString().ShouldBe("vibration");
        raised.GetProperty("kind").GetString().ShouldBe("high");
        raised.GetProperty("priority").GetString().ShouldBe("high");
        raised.GetProperty("class").GetString().ShouldBe("equipment");
        raised.GetProperty("conditionActive").GetBoolean().ShouldBeTrue();
        raised.GetProperty("message").GetString().ShouldBe("Press bearing vibration high");

        using var viewer = await CreateClientAsync("viewer");
        (await viewer.GetAsync(new Uri("/api/v1/alarms?state=all", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var forbidden = await viewer.PostAsJsonAsync($"/api/v1/alarms/{AlarmId}/ack", new { comment = "not mine to ack" }, Ct))
        {
            forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        using (var acknowledged = await platform.Http.PostAsJsonAsync($"/api/v1/alarms/{AlarmId}/ack", new { comment = "bearing check ordered" }, Ct))
        {
            acknowledged.StatusCode.ShouldBe(HttpStatusCode.OK, await acknowledged.Content.ReadAsStringAsync(Ct));
            (await acknowledged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString().ShouldBe("AckActive");
        }

        using (var again = await platform.Http.PostAsJsonAsync($"/api/v1/alarms/{AlarmId}/ack", new { comment = "twice" }, Ct))
        {
            again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await ApiTests.ProblemDetailAsync(again)).ShouldContain("already acknowledged");
        }

        using (var unknown = await platform.Http.PostAsJsonAsync("/api/v1/alarms/stuttgart.nowhere~vibration.hi/ack", new { comment = "x" }, Ct))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var tooLong = await platform.Http.PostAsJsonAsync($"/api/v1/alarms/{AlarmId}/shelve", new { reason = "a shift and more", minutes = 600 }, Ct))
        {
            tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ApiTests.ProblemDetailAsync(tooLong)).ShouldContain("minutes");
        }

        using (var shelved = await platform.Http.PostAsJsonAsync($"/api/v1/alarms/{AlarmId}/shelve", new { reason = "bearing being replaced", minutes = 30 }, Ct))
        {
            shelved.StatusCode.ShouldBe(HttpStatusCode.OK, await shelved.Content.ReadAsStringAsync(Ct));
            var body = await shelved.Content.ReadFromJsonAsync<JsonElement>(Ct);
            body.GetProperty("state").GetString().ShouldBe("Shelved");
            body.GetProperty("shelvedBy").GetString().ShouldBe(SharedPlatform.AdminUser);
            body.GetProperty("shelvedUntil").GetDateTime().ToUniversalTime().ShouldBe(DateTime.UtcNow.AddMinutes(30), TimeSpan.FromMinutes(1));
        }

        (await FindAsync("active", Ct)).ShouldNotBeNull("a shelved alarm is still on the active list")
            .GetProperty("state").GetString().ShouldBe("Shelved");

        var kpis = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync("/api/v1/alarms/kpis?from=" + Uri.EscapeDataString(from), ct),
            k => k.GetProperty("badActors").EnumerateArray().Any(b => b.GetProperty("alarmId").GetString() == AlarmId),
            TimeSpan.FromSeconds(15),
            $"{AlarmId} among the bad actors of the KPIs",
            Ct);
        kpis.GetProperty("annunciations").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        kpis.GetProperty("positions").EnumerateArray().ShouldContain(p => p.GetProperty("position").GetString() == "control-room");
    }

    [Fact]
    public async Task Invalid_queries_and_commands_are_refused_with_a_reason()
    {
        using (var state = await platform.Http.GetAsync(new Uri("/api/v1/alarms?state=loud", UriKind.Relative), Ct))
        {
            state.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ApiTests.ProblemDetailAsync(state)).ShouldContain("state");
        }

        using (var period = await platform.Http.GetAsync(new Uri("/api/v1/alarms/kpis?from=2026-11-25T10:00:00Z&to=2026-11-25T09:00:00Z", UriKind.Relative), Ct))
        {
            period.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var noReason = await platform.Http.PostAsJsonAsync($"/api/v1/alarms/{AlarmId}/shelve", new { minutes = 5 }, Ct))
        {
            noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ApiTests.ProblemDetailAsync(noReason)).ShouldContain("reason");
        }

        using var anonymous = platform.CreateAnonymousClient();
        (await anonymous.GetAsync(new Uri("/api/v1/alarms", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<JsonElement?> FindAsync(string state, CancellationToken cancellationToken)
    {
        var alarms = await platform.Http.GetJsonAsync("/api/v1/alarms?state=" + state, cancellationToken);
        foreach (var alarm in alarms.EnumerateArray())
        {
            if (alarm.GetProperty("id").GetString() == AlarmId)
            {
                return alarm;
            }
        }

        return null;
    }

    private async Task<HttpClient> CreateClientAsync(string role)
    {
        var name = role + "-" + Guid.NewGuid().ToString("N")[..8];
        var password = SharedPlatform.NewPassword();
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = name, password, role }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        return await SharedPlatform.CreateAuthorizedClientAsync(platform.BaseUrl, name, password, Ct);
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
