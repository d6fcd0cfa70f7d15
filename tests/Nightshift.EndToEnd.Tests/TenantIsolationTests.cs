using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// Two tenants on one node: a platform operator creates a user of a second tenant with <c>nightshift user add</c>; that
/// user sees nothing of the demo tenant's plant through the API or the live hub, and the demo tenant nothing of theirs.
/// </summary>
public sealed class TenantIsolationTests(SharedPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_tenant_sees_nothing_of_the_first_and_the_first_nothing_of_the_second()
    {
        var tenant = "acme-" + Guid.NewGuid().ToString("N")[..8];
        var password = SharedPlatform.NewPassword();
        await AddUserAsync(tenant, "ops", password, "admin");
        using var other = await SharedPlatform.CreateAuthorizedClientAsync(platform.BaseUrl, tenant + "/ops", password, Ct);

        var assets = await other.GetJsonAsync("/api/v1/assets", Ct);
        assets.GetProperty("tenant").GetString().ShouldBe(tenant);
        assets.GetProperty("assets").GetArrayLength().ShouldBe(0);
        (await other.GetTagsAsync("stuttgart", Ct)).ShouldBeEmpty();
        using (var history = await other.GetAsync(new Uri("/api/v1/tags/stuttgart/press-shop/press-line/presses/press-1.power/history", UriKind.Relative), Ct))
        {
            history.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // The live hub: the other tenant's client receives its own update, and none of the demo plant's, which
        // arrive every second; its own update is the sync point that makes "none" meaningful.
        var updates = Channel.CreateUnbounded<JsonElement>();
        var token = other.DefaultRequestHeaders.Authorization!.Parameter!;
        var connection = new HubConnectionBuilder().WithUrl(platform.BaseUrl + "/hubs/live", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        await using (connection)
        {
            using var subscription = connection.On<JsonElement>("update", u => updates.Writer.TryWrite(u.Clone()));
            await connection.StartAsync(Ct);
            var site = "site-" + Guid.NewGuid().ToString("N")[..8];
            await Poll.UntilAsync(
                async ct =>
                {
                    using var posted = await other.PostAsJsonAsync("/api/v1/ingest", new { samples = new[] { new { tag = $"{site}/bench/pump.flow", value = 4.2 } } }, ct);
                    posted.EnsureSuccessStatusCode();
                    while (updates.Reader.TryRead(out var update))
                    {
                        update.GetProperty("tenant").GetString().ShouldBe(tenant);
                        if (update.GetProperty("equipment").GetString() == $"{site}/bench/pump")
                        {
                            return true;
                        }
                    }

                    return false;
                },
                TimeSpan.FromSeconds(20),
                "the second tenant's own live update",
                Ct);

            // And the demo tenant does not see the second tenant's equipment.
            (await platform.Http.GetTagsAsync(site, Ct)).ShouldBeEmpty();
            using var demoAssets = await platform.Http.GetAsync(new Uri("/api/v1/assets?under=" + site, UriKind.Relative), Ct);
            demoAssets.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    private async Task AddUserAsync(string tenant, string username, string password, string role)
    {
        var dataDirectory = platform.Process?.DataDirectory
            ?? throw new InvalidOperationException("This test creates a user in the node's data folder; it needs the platform the suite starts itself (unset NIGHTSHIFT_TEST_URL).");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[RepositoryLayout.CliDll, "user", "add", "--data", dataDirectory, "--tenant", tenant, "--username", username, "--role", role])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(password.AsMemory(), Ct);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        process.ExitCode.ShouldBe(0, $"nightshift user add: {await output} {await error}");
    }
}
