using Microsoft.Playwright;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>Signs a browser page in through the login form, as a person does.</summary>
public static class BrowserSignIn
{
    /// <summary>Opens /login, fills the form and waits until the platform has left the login page.</summary>
    public static async Task SignInAsync(this IPage page, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 15_000 });
    }
}
