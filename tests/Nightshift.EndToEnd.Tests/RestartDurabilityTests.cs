using System.Globalization;
using System.Net;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// A platform instance of its own, stopped with SIGINT and started again on the same data folder: users, history,
/// twins and series ids survive. The second start is <c>nightshift run</c> with the virtual plant's file but without
/// its simulator, so that what the twins report can only come from before the restart.
/// </summary>
public sealed class RestartDurabilityTests : IAsyncLifetime
{
    private const string Press = "stuttgart/press-shop/press-line/presses/press-3";
    private const string Oven = "stuttgart/paint-shop/paint/oven";
    private string _dataDirectory = string.Empty;
    private readonly string _password = SharedPlatform.NewPassword();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _dataDirectory = TemporaryDirectory.Create("restart");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        TemporaryDirectory.Delete(_dataDirectory);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Users_history_twins_and_series_ids_survive_a_restart()
    {
        IReadOnlyDictionary<string, JsonElement> tagsBefore;
        DateTime stoppedAt;
        var first = await PlatformProcess.StartAsync("demo", _dataDirectory, _password, ["--speed", "30"], Ct);
        await using (first)
        {
            using var http = await SharedPlatform.CreateAuthorizedClientAsync(first.BaseUrl, SharedPlatform.AdminUser, _password, Ct);
            await Poll.UntilAsync(
                async ct => (await http.GetJsonAsync($"/api/v1/tags/{Press}.power/history", ct)).GetProperty("points").GetArrayLength() >= 3,
                TimeSpan.FromSeconds(45),
                "three points of press-3.power in history before the restart",
                Ct);
            tagsBefore = await Poll.UntilAsync(
                async ct => Merge(await http.GetTagsAsync(Press, ct), await http.GetTagsAsync(Oven, ct)),
                t => t.Count > 0 && t.Values.All(v => v.GetProperty("value").ValueKind != JsonValueKind.Null),
                TimeSpan.FromSeconds(30),
                "values of every tag of press-3 and the oven",
                Ct);

            (await first.StopAsync(Ct)).ShouldBe(0, first.Log.Tail());
            stoppedAt = DateTime.UtcNow;
            first.Log.UnexpectedErrors().ShouldBeEmpty();
            first.Log.Lines.ShouldContain("Stopped.");
        }

        var second = await PlatformProcess.StartAsync("run", _dataDirectory, "not-" + _password, ["--plant", RepositoryLayout.VirtualPlantFile], Ct);
        await using (second)
        {
            second.Log.Lines.ShouldContain(l => l.Contains("the password set when this data folder was first used", StringComparison.Ordinal));

            // The password of the first start still works (the one in the environment now is ignored).
            using var http = await SharedPlatform.CreateAuthorizedClientAsync(second.BaseUrl, SharedPlatform.AdminUser, _password, Ct);
            using (var anonymous = new HttpClient { BaseAddress = new Uri(second.BaseUrl) })
            using (var wrong = new StringContent($$"""{"username":"admin","password":"not-{{_password}}"}""", System.Text.Encoding.UTF8, "application/json"))
            using (var refused = await anonymous.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative), wrong, Ct))
            {
                refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            }

            // Twins report their last values at once, with the timestamps and series ids of before.
            var tagsAfter = Merge(await http.GetTagsAsync(Press, Ct), await http.GetTagsAsync(Oven, Ct));
            tagsAfter.Keys.ShouldBe(tagsBefore.Keys, ignoreOrder: true);
            foreach (var (path, before) in tagsBefore)
            {
                var after = tagsAfter[path];
                after.GetProperty("value").ValueKind.ShouldNotBe(JsonValueKind.Null, path);
                after.GetProperty("seriesId").GetInt32().ShouldBe(before.GetProperty("seriesId").GetInt32(), path);
                after.Timestamp().ShouldBeGreaterThanOrEqualTo(before.Timestamp(), path);
                after.Timestamp().ShouldBeLessThanOrEqualTo(stoppedAt, path);
            }

            // History from before the restart is there.
            var from = tagsBefore[$"{Press}.power"].Timestamp().AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture);
            var history = await http.GetJsonAsync($"/api/v1/tags/{Press}.power/history?from={Uri.EscapeDataString(from)}", Ct);
            history.GetProperty("seriesId").GetInt32().ShouldBe(tagsBefore[$"{Press}.power"].GetProperty("seriesId").GetInt32());
            var points = history.GetProperty("points").EnumerateArray().ToList();
            points.Count.ShouldBeGreaterThanOrEqualTo(3);
            points.ShouldContain(p => p.GetProperty("t").GetDateTime().ToUniversalTime() <= tagsBefore[$"{Press}.power"].Timestamp());

            (await second.StopAsync(Ct)).ShouldBe(0, second.Log.Tail());
            second.Log.UnexpectedErrors().ShouldBeEmpty();
        }
    }

    private static Dictionary<string, JsonElement> Merge(params IReadOnlyDictionary<string, JsonElement>[] maps) =>
        maps.SelectMany(m => m).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
