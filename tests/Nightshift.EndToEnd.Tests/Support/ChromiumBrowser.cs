using Microsoft.Playwright;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright with a profile folder of its own (Playwright never downloads a
/// browser here). One per test class; disposing closes the browser and deletes the profile.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private ChromiumBrowser(IPlaywright playwright, IBrowser browser, string profile)
    {
        _playwright = playwright;
        Browser = browser;
        _profile = profile;
    }

    public IBrowser Browser { get; }

    /// <exception cref="InvalidOperationException">Chromium is not installed.</exception>
    public static async Task<ChromiumBrowser> LaunchAsync(string purpose)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing; install Debian's chromium with scripts/install-test-deps.sh");
        }

        var profile = TemporaryDirectory.Create(purpose);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
                Env = new Dictionary<string, string>
                {
                    ["XDG_CONFIG_HOME"] = Path.Combine(profile, "config"),
                    ["XDG_CACHE_HOME"] = Path.Combine(profile, "cache"),
                    ["HOME"] = profile,
                },
            });
            return new ChromiumBrowser(playwright, browser, profile);
        }
        catch
        {
            playwright.Dispose();
            TemporaryDirectory.Delete(profile);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        TemporaryDirectory.Delete(_profile);
    }
}
