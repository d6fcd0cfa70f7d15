using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Journal;

/// <summary>
/// The journal page in a real browser (Debian's Chromium through Playwright): an admin filters the journal by kind,
/// equipment and text and sees the matching entries, and the CSV link downloads the same entries with the browser's cookie.
/// </summary>
public sealed class JournalPageBrowserTests(SharedPlatform platform) : IAsyncLifetime
{
    private const string LivePanel = "#journal-panel[data-live='true'][data-loaded='true']";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private ChromiumBrowser? _chromium;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chromium = await ChromiumBrowser.LaunchAsync("journal-page");

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_admin_filters_the_journal_by_kind_equipment_and_text_and_downloads_it_as_csv()
    {
        // A configuration event only this test makes, and a state change of the virtual plant's press shop.
        var name = "journal-ui-" + Guid.NewGuid().ToString("N")[..8];
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = name, password = SharedPlatform.NewPassword(), role = "viewer" }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync("/api/v1/events?kind=stateChange&asset=stuttgart/press-shop&limit=1", ct),
            p => p.GetProperty("events").GetArrayLength() > 0,
            Deadline,
            "a state change of the press shop in the journal",
            Ct);
        await Poll.UntilAsync(
            ct => platform.Http.GetStringAsync(new Uri("/api/v1/events.csv?kind=configuration", UriKind.Relative), ct),
            csv => csv.Contains(name, StringComparison.Ordinal),
            Deadline,
            $"the creation of {name} in the journal",
            Ct);

        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.BaseUrl, ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/login");
            await page.FillAsync("#username", SharedPlatform.AdminUser);
            await page.FillAsync("#password", platform.AdminPassword);
            await page.ClickAsync("#login");
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 15_000 });

            // The sidebar leads to the journal.
            await page.Locator("#nav-alarms[data-live='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            await page.ClickAsync("#nav-journal");
            await page.WaitForURLAsync(url => url.EndsWith("/journal", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 15_000 });
            await page.Locator(LivePanel).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            (await page.Locator(".journal-row").CountAsync()).ShouldBeGreaterThan(0, "the last 24 hours hold events");

            // Kind and equipment: only state changes at or under the press shop.
            await page.Locator("#journal-kind").SelectOptionAsync("stateChange");
            await page.Locator("#journal-asset").FillAsync("stuttgart/press-shop");
            await page.ClickAsync("#journal-apply");
            await WaitForRowsAsync(page, async rows =>
            {
                var kinds = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kind)");
                var assets = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.asset)");
                return kinds.Length > 0
                    && kinds.All(k => k == "stateChange")
                    && assets.All(a => a.StartsWith("stuttgart/press-shop/", StringComparison.Ordinal));
            });

            // Text: the one configuration event of this test's user.
            await page.Locator("#journal-kind").SelectOptionAsync("configuration");
            await page.Locator("#journal-asset").FillAsync(string.Empty);
            await page.Locator("#journal-text").FillAsync(name);
            await page.ClickAsync("#journal-apply");
            await WaitForRowsAsync(page, async rows => await rows.CountAsync() == 1 && (await rows.First.InnerTextAsync()).Contains($"user.create: {name} (viewer)", StringComparison.Ordinal));
            (await page.Locator(".journal-row").First.GetAttributeAsync("data-kind")).ShouldBe("configuration");

            // The CSV link carries the filters and downloads the same entry over the browser's sign-in.
            var href = await page.Locator("#journal-export").GetAttributeAsync("href");
            href.ShouldNotBeNull().ShouldContain("kind=configuration");
            href.ShouldContain("text=" + name);
            var csv = await context.APIRequest.GetAsync(platform.BaseUrl + "/" + href);
            csv.Status.ShouldBe(200);
            var text = await csv.TextAsync();
            text.ShouldStartWith("timestamp,kind,asset,actor,message\r\n");
            text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2, text);
            text.ShouldContain($"user.create: {name} (viewer)");
        }
    }

    private static async Task WaitForRowsAsync(IPage page, Func<ILocator, Task<bool>> accept) =>
        await Poll.UntilAsync(
            async _ => await accept(page.Locator(".journal-row")),
            ok => ok,
            TimeSpan.FromSeconds(15),
            "the journal page to show the filtered entries",
            Ct);
}
