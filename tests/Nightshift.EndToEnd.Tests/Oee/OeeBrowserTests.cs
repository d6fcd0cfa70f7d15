using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Oee;

/// <summary>
/// The OEE dashboard and the order board in a real browser (Debian's Chromium through Playwright): the dashboard shows
/// the plant's OEE, its loss waterfall, the lines by shift and the Pareto; the board shows an order started through the
/// API on the CNC line (used by no other test) with its progress and due time.
/// </summary>
public sealed class OeeBrowserTests(SharedPlatform platform) : IAsyncLifetime
{
    private const string CncLine = "stuttgart/machining/cnc";
    private static readonly float Timeout = 30_000;
    private ChromiumBrowser? _chromium;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chromium = await ChromiumBrowser.LaunchAsync("oee-dashboard");

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_oee_dashboard_and_the_order_board_show_figures()
    {
        var number = "BOARD-" + Guid.NewGuid().ToString("N")[..6];
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/orders", new { number, product = "MOUNT-ARM", quantity = 40, line = CncLine, due = DateTime.UtcNow.AddHours(6).ToString("O", CultureInfo.InvariantCulture) }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using (var started = await platform.Http.PostAsync(new Uri($"/api/v1/orders/{number}/start", UriKind.Relative), null, Ct))
        {
            started.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.BaseUrl, ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.SignInAsync(SharedPlatform.AdminUser, platform.AdminPassword);

            // The sidebar leads to the dashboard and the board.
            (await page.Locator("#nav-oee").GetAttributeAsync("href")).ShouldBe("oee");
            (await page.Locator("#nav-orders").GetAttributeAsync("href")).ShouldBe("orders");
            await page.GotoAsync("oee");
            await page.Locator("#oee-dashboard[data-loaded='true'] #oee-total").WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
            (await page.Locator("#oee-total [data-figure='oee']").InnerTextAsync()).ShouldMatch(@"^\d+\.\d %$");
            (await page.Locator("#oee-total [data-figure='availability']").InnerTextAsync()).ShouldEndWith("%");
            (await page.Locator("#oee-waterfall [data-step]").CountAsync()).ShouldBe(5);
            (await page.Locator("#oee-lines tr[data-line]").CountAsync()).ShouldBeGreaterThanOrEqualTo(1);
            (await page.Locator("#oee-lines tr[data-line] [data-figure='oee']").First.InnerTextAsync()).ShouldEndWith("%");
            (await page.Locator("#oee-pareto .pareto-row").CountAsync()).ShouldBeGreaterThanOrEqualTo(1);

            // The order board shows the running order with its progress and due time.
            await page.GotoAsync("orders");
            var row = page.Locator($"#order-board[data-loaded='true'] [data-order='{number}']");
            await row.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
            (await row.GetAttributeAsync("data-status")).ShouldBe("running");
            (await row.Locator("[data-figure='progress']").InnerTextAsync()).ShouldContain("/ 40 good");
            (await row.InnerTextAsync()).ShouldContain("due ");
            (await page.Locator("#order-ontime [data-figure='ontime']").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        }

        using var completed = await platform.Http.PostAsync(new Uri($"/api/v1/orders/{number}/complete", UriKind.Relative), null, Ct);
        completed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
