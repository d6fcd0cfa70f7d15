using Microsoft.Playwright;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// The control room in a real browser (Debian's Chromium, headless, driven by Playwright): sign in through the login
/// page, see the overview's equipment tiles and their live values change. Playwright never downloads a browser here.
/// </summary>
public sealed class BrowserTests(SharedPlatform platform) : IAsyncLifetime
{
    private ChromiumBrowser? _chromium;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _chromium = await ChromiumBrowser.LaunchAsync("browser");

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [Fact]
    public async Task Signed_in_operator_sees_live_values_change_on_the_overview()
    {
        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.BaseUrl });
        await using (context)
        {
            var page = await context.NewPageAsync();
            var diagnostics = Collect(page);
            await SignInAsync(page);

            await page.WaitForSelectorAsync("[data-equipment] [data-tag]", new PageWaitForSelectorOptions { Timeout = 15_000 });
            (await page.Locator("[data-equipment]").CountAsync()).ShouldBeGreaterThanOrEqualTo(29);
            (await page.Locator("[data-equipment='stuttgart/press-shop/press-line/presses/press-1']").CountAsync()).ShouldBe(1);
            await ShouldSeeAValueChangeAsync(page, diagnostics);
        }
    }

    [Fact]
    public async Task Live_values_keep_changing_after_new_equipment_is_discovered()
    {
        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.BaseUrl });
        await using (context)
        {
            var page = await context.NewPageAsync();
            var diagnostics = Collect(page);
            await SignInAsync(page);
            await page.WaitForSelectorAsync("[data-equipment] [data-tag]", new PageWaitForSelectorOptions { Timeout = 15_000 });

            // Equipment discovered while the page is open (another test's device, a new edge node) changes the plant model.
            var site = "lab-" + Guid.NewGuid().ToString("N")[..10];
            using (var content = new StringContent($$"""{"samples": [ {"tag": "{{site}}/bench/pump-1.temperature", "value": 20.5} ]}""", System.Text.Encoding.UTF8, "application/json"))
            using (var response = await platform.Http.PostAsync(new Uri("/api/v1/ingest", UriKind.Relative), content, Ct))
            {
                response.EnsureSuccessStatusCode();
            }

            await page.WaitForSelectorAsync($"[data-equipment='{site}/bench/pump-1']", new PageWaitForSelectorOptions { Timeout = 15_000 });
            await ShouldSeeAValueChangeAsync(page, diagnostics);
        }
    }

    [Fact]
    public async Task Wrong_password_shows_the_error_on_the_login_page()
    {
        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.BaseUrl });
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/login");
            await page.FillAsync("#username", SharedPlatform.AdminUser);
            await page.FillAsync("#password", "wrong-" + Guid.NewGuid().ToString("N"));
            await page.ClickAsync("#login");

            var error = page.Locator("#login-error");
            await error.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            (await error.InnerTextAsync()).ShouldContain("not correct");
            page.Url.ShouldContain("/login");
        }
    }

    [Fact]
    public async Task Overview_without_signing_in_redirects_to_the_login_page()
    {
        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.BaseUrl });
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");

            await page.WaitForSelectorAsync("#username", new PageWaitForSelectorOptions { Timeout = 15_000 });
            page.Url.ShouldContain("/login");
        }
    }

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#username", SharedPlatform.AdminUser);
        await page.FillAsync("#password", platform.AdminPassword);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 15_000 });
    }

    /// <summary>Waits (30 s at most) until one of the live values of the overview's tiles differs from what it showed first.</summary>
    private static async Task ShouldSeeAValueChangeAsync(IPage page, IEnumerable<string> diagnostics)
    {
        var first = await ValuesAsync(page);
        first.ShouldNotBeEmpty();
        var clock = page.Locator(".clock-time");
        var clockBefore = await clock.CountAsync() > 0 ? await clock.First.InnerTextAsync() : "(no clock)";
        var mainBefore = await page.Locator("main").First.InnerHTMLAsync();
        try
        {
            await Poll.UntilAsync(
                async _ => await ValuesAsync(page),
                now => now.Any(v => first.TryGetValue(v.Key, out var before) && before != v.Value),
                TimeSpan.FromSeconds(30),
                "a value on the overview to change",
                Ct);
        }
        catch (TimeoutException ex)
        {
            var errorUi = await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('blazor-error-ui') ?? document.body).display");
            var clockAfter = await clock.CountAsync() > 0 ? await clock.First.InnerTextAsync() : "(no clock)";
            var mainChanged = await page.Locator("main").First.InnerHTMLAsync() != mainBefore;
            throw new TimeoutException(
                $"{ex.Message}; values: {string.Join(", ", first.Take(12).Select(v => $"{v.Key}={v.Value}"))}; clock {clockBefore} -> {clockAfter}; anything else on the page changed: {mainChanged}; error UI display: {errorUi}; browser: {string.Join(" | ", diagnostics)}", ex);
        }
    }

    /// <summary>Collects the page's console errors and failed requests, for failure messages.</summary>
    private static System.Collections.Concurrent.ConcurrentQueue<string> Collect(IPage page)
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lines.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => lines.Enqueue($"page error: {error}");
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/_blazor", StringComparison.Ordinal) || request.Url.Contains("/_framework", StringComparison.Ordinal))
            {
                lines.Enqueue($"request: {request.Method} {request.Url}");
            }
        };
        page.WebSocket += (_, socket) =>
        {
            lines.Enqueue($"websocket opened: {socket.Url}");
            socket.Close += (_, _) => lines.Enqueue($"websocket closed: {socket.Url}");
        };
        page.RequestFailed += (_, request) => lines.Enqueue($"request failed: {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lines.Enqueue($"HTTP {response.Status}: {response.Url}");
            }
        };
        return lines;
    }

    /// <summary>
    /// The values shown on the tiles, keyed by equipment path and tag name: other tests add tiles (discovered equipment)
    /// while the page is open, so values are compared by key, not by position.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, string>> ValuesAsync(IPage page)
    {
        var pairs = await page.EvaluateAsync<string[]>(
            """
            () => Array.from(document.querySelectorAll('[data-equipment] [data-tag]'))
                .map(e => e.closest('[data-equipment]').getAttribute('data-equipment') + '.' + e.getAttribute('data-tag') + '\u0000' + e.textContent.trim())
            """);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var separator = pair.IndexOf('\0', StringComparison.Ordinal);
            values[pair[..separator]] = pair[(separator + 1)..];
        }

        return values;
    }
}
