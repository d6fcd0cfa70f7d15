using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// The connectors page in a real browser (Debian's Chromium through Playwright): an engineer creates a Modbus connector
/// to a real pymodbus server from the page's editor, watches it connect and count points, disables, enables and deletes
/// it, and a broken document shows its errors; a viewer sees the page without buttons.
/// </summary>
public sealed class ConnectorsBrowserTests(SharedPlatform platform) : IAsyncLifetime
{
    private const string LivePage = "section[data-live='true']";
    private ChromiumBrowser? _chromium;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chromium = await ChromiumBrowser.LaunchAsync("connectors-page");

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_engineer_creates_disables_enables_and_deletes_a_connector_on_the_page_and_a_viewer_only_reads()
    {
        await using var server = await PymodbusServer.StartAsync();
        var name = "page-gw-" + Guid.NewGuid().ToString("N")[..8];
        var row = $"tr[data-connector='{name}']";
        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.BaseUrl, ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.SignInAsync(SharedPlatform.AdminUser, platform.AdminPassword);
            await page.GotoAsync("/connectors");
            await page.Locator(LivePage).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

            // A document with an error is refused with the error named by its field.
            await page.ClickAsync("#connector-new");
            await page.FillAsync("#connector-document", Document(name, server.Port, "float99"));
            await page.ClickAsync("#connector-save");
            await page.Locator("#connector-errors").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            (await page.Locator("#connector-errors").InnerTextAsync()).ShouldContain("pollGroups[0].points[0].type");

            // Fixed, it is saved and started: it connects and counts points.
            await page.FillAsync("#connector-document", Document(name, server.Port, "float32"));
            await page.ClickAsync("#connector-save");
            await WaitForStateAsync(page, row, "Connected");
            await Poll.UntilAsync(
                async _ => long.Parse(await page.Locator(row + " [data-field='points']").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
                points => points > 0,
                TimeSpan.FromSeconds(15),
                "points counted on the page",
                Ct);

            await page.Locator(row + " [data-action='disable']").ClickAsync();
            await WaitForStateAsync(page, row, "Disabled");
            (await platform.Http.GetFromJsonAsync<ConnectorState>($"/api/v1/connectors/{name}", Ct))!.Enabled.ShouldBeFalse();
            await page.Locator(row + " [data-action='enable']").ClickAsync();
            await WaitForStateAsync(page, row, "Connected");

            await page.Locator(row + " [data-action='delete']").ClickAsync();
            await page.Locator(row).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 15_000 });
            using var gone = await platform.Http.GetAsync(new Uri($"/api/v1/connectors/{name}", UriKind.Relative), Ct);
            ((int)gone.StatusCode).ShouldBe(404);
        }

        var viewer = "viewer-" + Guid.NewGuid().ToString("N")[..8];
        var password = SharedPlatform.NewPassword();
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = viewer, password, role = "viewer" }, Ct))
        {
            created.EnsureSuccessStatusCode();
        }

        var viewerContext = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.BaseUrl });
        await using (viewerContext)
        {
            var page = await viewerContext.NewPageAsync();
            await page.SignInAsync(viewer, password);
            await page.GotoAsync("/connectors");
            await page.Locator("#connector-readonly").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            (await page.Locator("#connector-new").CountAsync()).ShouldBe(0);
        }
    }

    private static string Document(string name, int port, string type) => $$"""
        {"name":"{{name}}","kind":"modbus","host":"127.0.0.1","port":{{port}},"timeoutMs":500,
         "pollGroups":[{"name":"fast","intervalMs":200,"points":[{"name":"power","unit":1,"table":"holding","address":6,"type":"{{type}}"}]}]}
        """;

    private static async Task WaitForStateAsync(IPage page, string row, string state) =>
        await Poll.UntilAsync(
            async _ => await page.Locator(row + " [data-field='state']").CountAsync() > 0 ? await page.Locator(row + " [data-field='state']").InnerTextAsync() : null,
            shown => shown == state,
            TimeSpan.FromSeconds(20),
            $"the page to show {row} as {state}",
            Ct);

    private sealed record ConnectorState(string Name, bool Enabled);
}
