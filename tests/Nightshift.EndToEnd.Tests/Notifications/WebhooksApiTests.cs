using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Notifications;

/// <summary>
/// The webhooks API of a running node: an admin creates a webhook for the virtual plant's state changes that points at a
/// port nobody listens on, sees its failed attempts in the outbox with the error and a next attempt, and deletes it;
/// invalid input is refused, a viewer gets 403, and the secret is shown only once.
/// </summary>
public sealed class WebhooksApiTests(SharedPlatform platform)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string[] StateChanges = ["stateChange"];
    private static readonly string[] Alarms = ["alarm"];
    private static readonly string[] Weather = ["weather"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_webhook_sees_its_failing_deliveries_retried_and_deletes_it()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}/nobody-listens";
        JsonElement created;
        using (var response = await platform.Http.PostAsJsonAsync("/api/v1/webhooks", new { name = "e2e " + Guid.NewGuid().ToString("N")[..6], url, kinds = StateChanges, area = "stuttgart" }, Ct))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
            created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }

        var id = created.GetProperty("id").GetInt64();
        created.GetProperty("secret").GetString().ShouldNotBeNull().Length.ShouldBeGreaterThanOrEqualTo(32);
        created.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()).ShouldBe(["stateChange"]);
        var read = await platform.Http.GetJsonAsync($"/api/v1/webhooks/{id}", Ct);
        read.GetProperty("secret").ValueKind.ShouldBe(JsonValueKind.Null, "the secret is shown only when the webhook is created");
        read.GetProperty("area").GetString().ShouldBe("stuttgart");

        // The virtual plant changes states on its own; each change is one delivery, tried once and waiting for its retry.
        var deliveries = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync($"/api/v1/webhooks/{id}/deliveries?state=pending", ct),
            d => d.EnumerateArray().Any(x => x.GetProperty("attempts").GetInt32() >= 1),
            Deadline,
            "a failed attempt of a state change delivery",
            Ct);
        var failed = deliveries.EnumerateArray().First(x => x.GetProperty("attempts").GetInt32() >= 1);
        failed.GetProperty("kind").GetString().ShouldBe("stateChange");
        failed.GetProperty("lastError").GetString().ShouldNotBeNullOrWhiteSpace();
        failed.GetProperty("nextAttemptAt").GetDateTime().ShouldBeGreaterThan(failed.GetProperty("lastAttemptAt").GetDateTime());
        using (var body = JsonDocument.Parse(failed.GetProperty("body").GetString()!))
        {
            body.RootElement.GetProperty("kind").GetString().ShouldBe("stateChange");
            body.RootElement.GetProperty("asset").GetString()!.ShouldStartWith("stuttgart/");
        }

        (await platform.Http.GetJsonAsync($"/api/v1/webhooks/{id}/deliveries?state=dead", Ct)).GetArrayLength().ShouldBe(0);
        using (var deleted = await platform.Http.DeleteAsync(new Uri($"/api/v1/webhooks/{id}", UriKind.Relative), Ct))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var gone = await platform.Http.GetAsync(new Uri($"/api/v1/webhooks/{id}", UriKind.Relative), Ct);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_webhooks_are_refused_and_a_viewer_may_not_manage_them()
    {
        foreach (var body in new object[]
        {
            new { name = "x", url = "ftp://example.com/hook", kinds = Alarms },
            new { name = "x", url = "https://example.com/hook", kinds = Weather },
            new { name = "x", url = "https://example.com/hook", kinds = Array.Empty<string>() },
        })
        {
            using var refused = await platform.Http.PostAsJsonAsync("/api/v1/webhooks", body, Ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var viewer = "viewer-" + Guid.NewGuid().ToString("N")[..8];
        var password = SharedPlatform.NewPassword();
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = viewer, password, role = "viewer" }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var client = await SharedPlatform.CreateAuthorizedClientAsync(platform.BaseUrl, viewer, password, Ct);
        using var forbidden = await client.GetAsync(new Uri("/api/v1/webhooks", UriKind.Relative), Ct);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
