using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Oee;

/// <summary>
/// OEE and production orders of the virtual plant through the API of the shared demo platform (<c>--speed 30</c>). With
/// seed 42 the first failures come about 5 minutes after the start (CNC 4, then a welding robot); they must show up as
/// Down losses in the Pareto of <c>GET /api/v1/oee</c>, and raise the machine's Down alarm. Orders run on the welding line, which no other test uses.
/// </summary>
public sealed class OeeApiTests(SharedPlatform platform)
{
    private const string Site = "stuttgart";
    private const string WeldingLine = "stuttgart/body-shop/welding";

    /// <summary>Long enough for the first failure of the seeded plant (about 5 minutes after the platform started).</summary>
    private static readonly TimeSpan FailureDeadline = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_virtual_plants_failures_show_up_as_down_losses_in_the_pareto()
    {
        var from = DateTime.UtcNow.AddHours(-2).ToString("O", CultureInfo.InvariantCulture);

        // Wait for the event (a machine of the plant going Down, journaled), then for the OEE to count it.
        await Poll.UntilAsync(
            async ct => (await platform.Http.GetJsonAsync("/api/v1/events?kind=stateChange&asset=stuttgart&limit=500", ct))
                .GetProperty("events").EnumerateArray().Any(e => e.GetProperty("message").GetString()!.EndsWith("-> Down", StringComparison.Ordinal)),
            FailureDeadline,
            "a machine of the virtual plant to fail",
            Ct);
        // The failure raised the machine's Down alarm (an alarm on the state tag is not suppressed by the Down state).
        var downAlarms = await Poll.UntilAsync(
            async ct => (await platform.Http.GetJsonAsync("/api/v1/alarms?state=all", ct)).EnumerateArray()
                .Where(a => a.GetProperty("tag").GetString() == "state" && a.GetProperty("state").GetString() != "Normal").ToList(),
            alarms => alarms.Count > 0,
            TimeSpan.FromSeconds(30),
            "the Down alarm of the failed machine",
            Ct);
        downAlarms[0].GetProperty("message").GetString().ShouldBe("Machine down (failure)");

        var oee = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync($"/api/v1/oee?under={Site}&from={Uri.EscapeDataString(from)}&by=shift", ct),
            o => DownLosses(o.GetProperty("total")).Any(),
            FailureDeadline,
            "a Down loss in the OEE Pareto of the plant",
            Ct);

        var total = oee.GetProperty("total");
        oee.GetProperty("under").GetString().ShouldBe(Site);
        oee.GetProperty("equipment").GetInt32().ShouldBeGreaterThanOrEqualTo(20); // presses, robots, CNC machines
        total.GetProperty("plannedBusySeconds").GetDouble().ShouldBeGreaterThan(0);
        total.GetProperty("failures").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        total.GetProperty("mttrSeconds").GetDouble().ShouldBeGreaterThan(0);
        total.GetProperty("availability").GetDouble().ShouldBeInRange(0.01, 1.0);
        total.GetProperty("quality").GetDouble().ShouldBeInRange(0.5, 1.0);

        // At --speed 30 the machines make 30 times as many units per wall-clock second; the demo tells OEE the plant's
        // speed (OeeOptions.PlantSpeed), so performance stays a real ratio to the ideal cycle times.
        total.GetProperty("performance").GetDouble().ShouldBeInRange(0.05, 1.1);

        total.GetProperty("oee").GetDouble().ShouldBe(
            total.GetProperty("availability").GetDouble() * total.GetProperty("performance").GetDouble() * total.GetProperty("quality").GetDouble(), 1e-9);
        total.GetProperty("good").GetInt64().ShouldBeGreaterThan(0);
        var losses = total.GetProperty("losses").EnumerateArray().Select(l => l.GetProperty("seconds").GetDouble()).ToList();
        losses.ShouldBe(losses.OrderByDescending(s => s).ToList(), "losses in Pareto order");
        DownLosses(total).First().GetProperty("occurrences").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        oee.GetProperty("groups").GetArrayLength().ShouldBeGreaterThanOrEqualTo(1);
        oee.GetProperty("groups")[0].GetProperty("key").GetString()!.ShouldMatch(@"^\d{4}-\d{2}-\d{2}/(early|late|night)$");

        // The stop is in the downtime list with an id to re-classify it by.
        var downtime = await platform.Http.GetJsonAsync($"/api/v1/downtime?under={Site}&from={Uri.EscapeDataString(from)}", Ct);
        var down = downtime.EnumerateArray().First(d => d.GetProperty("category").GetString() == "down");
        down.GetProperty("id").GetString()!.ShouldStartWith("stuttgart.");
        down.GetProperty("reason").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_reclassified_stop_shows_under_its_new_reason_in_the_pareto()
    {
        var from = DateTime.UtcNow.AddHours(-2).ToString("O", CultureInfo.InvariantCulture);
        var query = $"under={Site}&from={Uri.EscapeDataString(from)}";

        // Micro-stops (Idle, Starved, Blocked) come every few minutes of plant time: take one that cost planned time.
        var stops = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync("/api/v1/downtime?" + query, ct),
            d => d.EnumerateArray().Any(s => s.GetProperty("lostSeconds").GetDouble() > 0 && !s.GetProperty("open").GetBoolean()),
            Deadline,
            "a finished stop of the virtual plant",
            Ct);
        var stop = stops.EnumerateArray().First(s => s.GetProperty("lostSeconds").GetDouble() > 0 && !s.GetProperty("open").GetBoolean());
        var id = stop.GetProperty("id").GetString()!;
        var reason = "E2E-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        using (var response = await platform.Http.PostAsJsonAsync($"/api/v1/downtime/{id}/reason", new { reason, text = "material shortage at the line feed" }, Ct))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            body.GetProperty("reason").GetString().ShouldBe(reason);
            body.GetProperty("who").GetString().ShouldBe(SharedPlatform.AdminUser);
        }

        var oee = await platform.Http.GetJsonAsync("/api/v1/oee?" + query, Ct);
        var loss = oee.GetProperty("total").GetProperty("losses").EnumerateArray().Single(l => l.GetProperty("reason").GetString() == reason);
        loss.GetProperty("reasonText").GetString().ShouldBe("material shortage at the line feed");
        loss.GetProperty("seconds").GetDouble().ShouldBe(stop.GetProperty("lostSeconds").GetDouble(), 1.0);

        // Audited and journaled.
        await Poll.UntilAsync(
            async ct => (await platform.Http.GetJsonAsync("/api/v1/events?kind=audit,command&limit=1000", ct))
                .GetProperty("events").EnumerateArray().Any(e => e.GetProperty("message").GetString()!.Contains(reason, StringComparison.Ordinal)),
            Deadline,
            "the re-classification in the journal",
            Ct);

        // Refused: no reason (400), an unknown interval (404), a viewer (403).
        using (var response = await platform.Http.PostAsJsonAsync($"/api/v1/downtime/{id}/reason", new { reason = "" }, Ct))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var response = await platform.Http.PostAsJsonAsync("/api/v1/downtime/stuttgart.nowhere~1/reason", new { reason = "X" }, Ct))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Bad_oee_queries_are_refused_with_a_reason()
    {
        foreach (var query in new[] { "by=week", "from=yesterday", "under=no/such/asset", "from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z" })
        {
            using var response = await platform.Http.GetAsync(new Uri("/api/v1/oee?" + query, UriKind.Relative), Ct);
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.NotFound);
        }

        using var anonymous = platform.CreateAnonymousClient();
        using var unauthorized = await anonymous.GetAsync(new Uri("/api/v1/oee", UriKind.Relative), Ct);
        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_order_counts_its_lines_good_units_while_it_runs_and_on_time_delivery_counts_it_when_completed()
    {
        var number = "E2E-" + Guid.NewGuid().ToString("N")[..8];
        var due = DateTime.UtcNow.AddHours(4).ToString("O", CultureInfo.InvariantCulture);
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/orders", new { number, product = "BODY-SEDAN", quantity = 500, line = WeldingLine, due }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            var order = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
            order.GetProperty("status").GetString().ShouldBe("planned");
            order.GetProperty("good").GetInt64().ShouldBe(0);
        }

        using (var duplicate = await platform.Http.PostAsJsonAsync("/api/v1/orders", new { number, product = "BODY-SEDAN", quantity = 5, line = WeldingLine, due }, Ct))
        {
            duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        }

        using (var unknown = await platform.Http.PostAsJsonAsync("/api/v1/orders", new { number = number + "x", product = "SPACESHIP", quantity = 5, line = WeldingLine, due }, Ct))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        (await PostAsync($"/api/v1/orders/{number}/start")).GetProperty("status").GetString().ShouldBe("running");

        // Twelve robots weld bodies at speed 30: the counts rise within a minute or two of plant time.
        var running = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync($"/api/v1/orders/{number}", ct),
            o => o.GetProperty("good").GetInt64() > 0,
            TimeSpan.FromMinutes(3),
            $"good units on order {number}",
            Ct);
        running.GetProperty("progress").GetDouble().ShouldBe(running.GetProperty("good").GetInt64() / 500.0, 1e-9);
        running.GetProperty("late").GetBoolean().ShouldBeFalse();

        var completed = await PostAsync($"/api/v1/orders/{number}/complete");
        completed.GetProperty("status").GetString().ShouldBe("completed");
        completed.GetProperty("good").GetInt64().ShouldBeGreaterThanOrEqualTo(running.GetProperty("good").GetInt64());

        var list = await platform.Http.GetJsonAsync("/api/v1/orders?status=completed", Ct);
        list.GetProperty("orders").EnumerateArray().ShouldContain(o => o.GetProperty("number").GetString() == number);
        var onTime = list.GetProperty("onTimeDelivery");
        onTime.GetProperty("completed").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        onTime.GetProperty("onTime").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        onTime.GetProperty("rate").GetDouble().ShouldBeInRange(0.0, 1.0);

        // The OEE of the order covers the line while it ran.
        var oee = await platform.Http.GetJsonAsync($"/api/v1/oee?under={WeldingLine}&by=order", Ct);
        oee.GetProperty("groups").EnumerateArray().ShouldContain(g => g.GetProperty("key").GetString() == number);
    }

    private static IEnumerable<JsonElement> DownLosses(JsonElement figures) =>
        figures.GetProperty("losses").EnumerateArray()
            .Where(l => l.GetProperty("kind").GetString() == "downtime" && l.GetProperty("reason").GetString() == "Down" && l.GetProperty("seconds").GetDouble() > 0);

    private async Task<JsonElement> PostAsync(string path)
    {
        using var response = await platform.Http.PostAsync(new Uri(path, UriKind.Relative), null, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
