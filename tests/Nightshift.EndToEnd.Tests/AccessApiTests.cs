using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>Users with roles and API keys: created by the admin, enforced on the API and the broker, revoked at once.</summary>
public sealed class AccessApiTests(SharedPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static string IngestBody(string site) => $$"""{"samples":[{"tag":"{{site}}/bench/pump.t","value":1.5}]}""";

    [Fact]
    public async Task A_viewer_reads_but_may_not_ingest_nor_manage_users()
    {
        var name = Unique("viewer");
        var password = SharedPlatform.NewPassword();
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = name, password, role = "viewer" }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        }

        using var viewer = await SharedPlatform.CreateAuthorizedClientAsync(platform.BaseUrl, name, password, Ct);
        using (var tags = await viewer.GetAsync(new Uri("/api/v1/tags?under=stuttgart", UriKind.Relative), Ct))
        {
            tags.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var ingest = await viewer.PostAsync(new Uri("/api/v1/ingest", UriKind.Relative), new StringContent(IngestBody(Unique("lab")), System.Text.Encoding.UTF8, "application/json"), Ct))
        {
            ingest.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        using var users = await viewer.PostAsJsonAsync("/api/v1/users", new { username = Unique("x"), password, role = "admin" }, Ct);
        users.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Invalid_or_duplicate_users_are_refused_with_a_reason()
    {
        var name = Unique("op");
        using (var shortPassword = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = name, password = "short", role = "operator" }, Ct))
        {
            shortPassword.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await shortPassword.Content.ReadAsStringAsync(Ct)).ShouldContain("password");
        }

        using (var badRole = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = name, password = "long enough", role = "root" }, Ct))
        {
            badRole.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = name, password = "long enough", role = "operator" }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var duplicate = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = name, password = "long enough", role = "operator" }, Ct);
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var listed = await platform.Http.GetJsonAsync("/api/v1/users", Ct);
        listed.EnumerateArray().Count(u => u.GetProperty("username").GetString() == name).ShouldBe(1);
    }

    [Fact]
    public async Task An_api_key_works_on_the_api_and_the_broker_until_it_is_revoked()
    {
        var name = Unique("line-7");
        using var created = await platform.Http.PostAsJsonAsync("/api/v1/api-keys", new { name, role = "operator" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = body.GetProperty("key").GetString().ShouldNotBeNull();
        var id = body.GetProperty("id").GetInt32();

        using var device = platform.CreateAnonymousClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var site = Unique("keyed");
        using (var ingest = await device.PostAsync(new Uri("/api/v1/ingest", UriKind.Relative), new StringContent(IngestBody(site), System.Text.Encoding.UTF8, "application/json"), Ct))
        {
            ingest.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var published = await Mosquitto.PublishAsync(platform.MqttPort, name, key, $"nightshift/json/{site}/bench/valve", """{"values":{"open":true}}""", Ct);
        published.ExitCode.ShouldBe(0, published.ToString());
        await Poll.UntilAsync(async ct => (await platform.Http.GetTagsAsync(site, ct)).Count == 2, TimeSpan.FromSeconds(15), $"the tags of {site} from HTTP and MQTT", Ct);
        var keys = await platform.Http.GetJsonAsync("/api/v1/api-keys", Ct);
        keys.EnumerateArray().Single(k => k.GetProperty("id").GetInt32() == id).TryGetProperty("key", out var secret).ShouldBeTrue();
        secret.ValueKind.ShouldBe(JsonValueKind.Null);

        using (var revoked = await platform.Http.DeleteAsync(new Uri($"/api/v1/api-keys/{id}", UriKind.Relative), Ct))
        {
            revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var refused = await device.GetAsync(new Uri("/api/v1/tags", UriKind.Relative), Ct))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var afterRevoke = await Mosquitto.PublishAsync(platform.MqttPort, name, key, $"nightshift/json/{site}/bench/valve", """{"values":{"open":false}}""", Ct);
        afterRevoke.ExitCode.ShouldNotBe(0, afterRevoke.ToString());
    }
}
