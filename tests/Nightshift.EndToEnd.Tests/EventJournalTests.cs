using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// The event journal of the virtual plant through the API: its state changes are journaled, a new user is a
/// configuration event with its actor, the CSV export has the header and rows, and bad parameters are refused.
/// </summary>
public sealed class EventJournalTests(SharedPlatform platform)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_virtual_plants_state_changes_are_journaled()
    {
        var page = await Poll.UntilAsync(
            // Filtered to the plant's site: other tests of the shared platform make equipment of their own change state.
            ct => platform.Http.GetJsonAsync("/api/v1/events?kind=stateChange&asset=stuttgart&limit=50", ct),
            p => p.GetProperty("events").GetArrayLength() > 0,
            Deadline,
            "a state change of the virtual plant in the journal",
            Ct);

        var newest = page.GetProperty("events")[0];
        newest.GetProperty("kind").GetString().ShouldBe("stateChange");
        page.GetProperty("events").EnumerateArray().ShouldAllBe(e => e.GetProperty("asset").GetString()!.StartsWith("stuttgart/", StringComparison.Ordinal));
        newest.GetProperty("message").GetString()!.ShouldContain(" -> ");
        var times = page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("timestamp").GetDateTime()).ToList();
        times.ShouldBe(times.OrderByDescending(t => t).ToList());
    }

    [Fact]
    public async Task Creating_a_user_is_a_configuration_event_with_its_actor()
    {
        var name = "journal-" + Guid.NewGuid().ToString("N")[..8];
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = name, password = SharedPlatform.NewPassword(), role = "viewer" }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var page = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync("/api/v1/events?kind=configuration,audit&limit=1000", ct),
            p => Find(p, name) is not null,
            Deadline,
            $"the creation of {name} in the journal",
            Ct);

        var e = Find(page, name)!.Value;
        e.GetProperty("kind").GetString().ShouldBe("configuration");
        e.GetProperty("actor").GetString().ShouldBe(SharedPlatform.AdminUser);
        e.GetProperty("message").GetString().ShouldBe($"user.create: {name} (viewer)");

        var csv = await Poll.UntilAsync(
            ct => platform.Http.GetStringAsync(new Uri("/api/v1/events.csv?kind=configuration", UriKind.Relative), ct),
            text => text.Contains(name, StringComparison.Ordinal),
            Deadline,
            $"the creation of {name} in the CSV export",
            Ct);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("timestamp,kind,asset,actor,message");
        lines.ShouldContain(l => l.EndsWith($",configuration,,{SharedPlatform.AdminUser},user.create: {name} (viewer)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_csv_export_is_text_csv_with_the_header_and_rows()
    {
        using var response = await platform.Http.GetAsync(new Uri("/api/v1/events.csv?limit=20", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("timestamp,kind,asset,actor,message");
        lines.Length.ShouldBeGreaterThan(1, "the admin created at start is journaled");
        lines.Length.ShouldBeLessThanOrEqualTo(21);
    }

    [Theory]
    [InlineData("/api/v1/events?from=yesterday", "ISO-8601")]
    [InlineData("/api/v1/events?from=2026-11-25T10:00:00", "ISO-8601")]
    [InlineData("/api/v1/events?kind=gossip", "kind")]
    [InlineData("/api/v1/events?limit=1001", "limit")]
    [InlineData("/api/v1/events?before=abc", "before")]
    [InlineData("/api/v1/events?from=2026-11-25T10:00:00Z&to=2026-11-25T09:00:00Z", "after")]
    [InlineData("/api/v1/events.csv?from=yesterday", "ISO-8601")]
    public async Task Bad_parameters_are_refused_with_a_reason(string pathAndQuery, string reason)
    {
        using var response = await platform.Http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiTests.ProblemDetailAsync(response)).ShouldContain(reason);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        using var anonymous = platform.CreateAnonymousClient();

        (await anonymous.GetAsync(new Uri("/api/v1/events", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static JsonElement? Find(JsonElement page, string userName)
    {
        foreach (var e in page.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("message").GetString()?.Contains(userName, StringComparison.Ordinal) == true)
            {
                return e;
            }
        }

        return null;
    }
}
