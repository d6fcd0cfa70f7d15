using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// The alarm console in a real browser (Debian's Chromium through Playwright): an operator acknowledges and shelves a
/// press vibration alarm raised through the ingest API, and the API agrees; a viewer sees the console without commands.
/// Press 3 is used by no other test of the shared platform (the restart tests start platforms of their own).
/// </summary>
public sealed class AlarmConsoleBrowserTests(SharedPlatform platform) : IAsyncLifetime
{
    private const string Press = "stuttgart/press-shop/press-line/presses/press-3";
    private const string AlarmId = "stuttgart.press-shop.press-line.presses.press-3~vibration.hi";
    private const string Row = $"[data-alarm='{AlarmId}']";

    /// <summary>The console once it runs in its circuit (not the prerendered page, whose buttons do nothing yet).</summary>
    private const string LiveConsole = ".alarm-panel[data-live='true']";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private ChromiumBrowser? _chromium;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chromium = await ChromiumBrowser.LaunchAsync("alarm-console");

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_operator_acknowledges_and_shelves_an_alarm_on_the_console_and_a_viewer_gets_no_buttons()
    {
        await RaiseVibrationAlarmAsync();
        await Poll.UntilAsync(
            ct => StateAsync(platform.Http, ct),
            state => state == "UnackActive",
            Wait,
            $"{AlarmId} to be active and unacknowledged",
            Ct);

        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.BaseUrl, ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.SignInAsync(SharedPlatform.AdminUser, platform.AdminPassword);

            // The sidebar's entry counts unacknowledged alarms and leads to the console.
            // (Clicked once the layout runs in its circuit: a click during start-up may be undone by the router starting.)
            await page.Locator("#nav-alarms[data-live='true'] #nav-alarm-count").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            int.Parse(await page.Locator("#nav-alarm-count").InnerTextAsync(), CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
            await page.ClickAsync("#nav-alarms");
            await page.WaitForURLAsync(url => url.EndsWith("/alarms", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 15_000 });

            await page.Locator(LiveConsole).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            var row = page.Locator(Row);
            await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            (await row.GetAttributeAsync("data-state")).ShouldBe("UnackActive");
            (await row.GetAttributeAsync("data-priority")).ShouldBe("2");
            (await row.InnerTextAsync()).ShouldContain("Press bearing vibration high");
            (await row.Locator(".alarm-equipment").GetAttributeAsync("href")).ShouldBe("equipment/" + Press);

            // Acknowledge with a comment: the row turns AckActive, and so does the API.
            await row.Locator("[data-action='ack']").ClickAsync();
            await row.Locator("[data-field='comment']").FillAsync("bearing check ordered from the console");
            await row.Locator("[data-confirm='ack']").ClickAsync();
            await WaitForRowStateAsync(page, "AckActive");
            (await StateAsync(platform.Http, Ct)).ShouldBe("AckActive");
            (await row.Locator("[data-action='ack']").CountAsync()).ShouldBe(0);

            // Shelve with a reason for an hour: the row shows Shelved with who and why, and the API says so.
            await row.Locator("[data-action='shelve']").ClickAsync();
            await row.Locator("[data-field='reason']").FillAsync("bearing being replaced");
            await row.Locator("[data-field='minutes']").SelectOptionAsync("60");
            await row.Locator("[data-confirm='shelve']").ClickAsync();
            await WaitForRowStateAsync(page, "Shelved");
            (await row.Locator("[data-shelve]").InnerTextAsync()).ShouldContain("bearing being replaced");
            var shelved = await FindAsync(platform.Http, Ct);
            shelved.ShouldNotBeNull();
            shelved.Value.GetProperty("state").GetString().ShouldBe("Shelved");
            shelved.Value.GetProperty("shelvedBy").GetString().ShouldBe(SharedPlatform.AdminUser);
            shelved.Value.GetProperty("shelveReason").GetString().ShouldBe("bearing being replaced");
            shelved.Value.GetProperty("shelvedUntil").GetDateTime().ToUniversalTime().ShouldBe(DateTime.UtcNow.AddMinutes(60), TimeSpan.FromMinutes(1));
            (await row.Locator("[data-action='unshelve']").CountAsync()).ShouldBe(1);
        }

        // A viewer sees the same console, read only: no command buttons anywhere.
        var viewer = "viewer-" + Guid.NewGuid().ToString("N")[..8];
        var password = SharedPlatform.NewPassword();
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = viewer, password, role = "viewer" }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var viewerContext = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.BaseUrl });
        await using (viewerContext)
        {
            var page = await viewerContext.NewPageAsync();
            await page.SignInAsync(viewer, password);
            await page.GotoAsync("/alarms");
            await page.Locator(LiveConsole).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            var row = page.Locator(Row);
            await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            await page.Locator("#alarm-readonly").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            (await row.GetAttributeAsync("data-state")).ShouldBe("Shelved");
            (await page.Locator("[data-alarm] [data-action]").CountAsync()).ShouldBe(0);
        }
    }

    /// <summary>
    /// Press 3's vibration over its HI limit (7.1 mm/s, 10 s on-delay) and under its HIHI limit (9 mm/s), stamped up to
    /// ten minutes ahead of the simulator, whose own older vibration and state samples then change nothing; the state
    /// keeps the press out of suppression.
    /// </summary>
    private async Task RaiseVibrationAlarmAsync()
    {
        var now = DateTime.UtcNow;
        using var ingested = await platform.Http.PostAsync(
            new Uri("/api/v1/ingest", UriKind.Relative),
            new StringContent($$"""
                {"samples": [
                  {"tag": "{{Press}}.state", "value": "Running", "timestamp": "{{Iso(now.AddMinutes(10))}}"},
                  {"tag": "{{Press}}.vibration", "value": 8.2, "timestamp": "{{Iso(now)}}"},
                  {"tag": "{{Press}}.vibration", "value": 8.2, "timestamp": "{{Iso(now.AddSeconds(11))}}"},
                  {"tag": "{{Press}}.vibration", "value": 8.2, "timestamp": "{{Iso(now.AddMinutes(10))}}"}
                ]}
                """, System.Text.Encoding.UTF8, "application/json"),
            Ct);
        ingested.StatusCode.ShouldBe(HttpStatusCode.OK, await ingested.Content.ReadAsStringAsync(Ct));
    }

    private static async Task WaitForRowStateAsync(IPage page, string state) =>
        await Poll.UntilAsync(
            async _ => await page.Locator(Row).GetAttributeAsync("data-state"),
            shown => shown == state,
            Wait,
            $"the console to show {AlarmId} as {state}",
            Ct);

    private static async Task<string?> StateAsync(HttpClient http, CancellationToken cancellationToken) =>
        (await FindAsync(http, cancellationToken))?.GetProperty("state").GetString();

    private static async Task<JsonElement?> FindAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var alarms = await http.GetJsonAsync("/api/v1/alarms?state=all", cancellationToken);
        foreach (var alarm in alarms.EnumerateArray())
        {
            if (alarm.GetProperty("id").GetString() == AlarmId)
            {
                return alarm.Clone();
            }
        }

        return null;
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
