using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// The InfluxDB 1.x compatible write API (<c>POST /write</c>, <c>/ping</c>) on the shared instance, driven by real
/// clients: curl and the npm <c>influx</c> client (tests/interop/influx-client.js).
/// </summary>
public sealed class LineProtocolTests(SharedPlatform platform)
{
    private static readonly TimeSpan Visible = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("bearer")]
    [InlineData("token")]
    [InlineData("basic")]
    [InlineData("query")]
    public async Task Curl_writes_line_protocol_with_an_api_key_and_the_values_appear_as_tags(string authentication)
    {
        var key = await CreateApiKeyAsync("operator");
        var measurement = Unique("lp");
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10;
        var body = string.Create(CultureInfo.InvariantCulture, $"""
            # written by curl
            {measurement},line=l1,host=web-1 temperature=21.5,starts=12i,running=true,mode="auto" {seconds - 5}
            {measurement},line=l1,host=web-1 temperature=22.25,count=7u,door=F,note="say \"hi\"" {seconds}

            """).Replace("\n", "\r\n", StringComparison.Ordinal);
        var file = await WriteTempFileAsync(body);
        try
        {
            var (url, credentials) = authentication switch
            {
                "bearer" => ($"{platform.BaseUrl}/write?db=plant&precision=s", new[] { "-H", "Authorization: Bearer " + key }),
                "token" => ($"{platform.BaseUrl}/write?db=plant&precision=s", ["-H", "Authorization: Token " + key]),
                "basic" => ($"{platform.BaseUrl}/write?db=plant&precision=s", ["-u", "telegraf:" + key]),
                _ => ($"{platform.BaseUrl}/write?db=plant&precision=s&u=telegraf&p={Uri.EscapeDataString(key)}", Array.Empty<string>()),
            };

            var curl = await CurlAsync([.. credentials, "--data-binary", "@" + file, url]);

            curl.Status.ShouldBe(204, curl.Body);
        }
        finally
        {
            File.Delete(file);
        }

        var equipment = $"{measurement}/web-1/l1";
        var tags = await Poll.UntilAsync(
            ct => platform.Http.GetTagsAsync(equipment, ct),
            t => t.Count == 7 && t.Values.All(v => v.GetProperty("value").ValueKind != JsonValueKind.Null) && t[equipment + ".temperature"].GetProperty("value").GetDouble() == 22.25,
            Visible,
            $"the tags of {equipment}",
            Ct);
        tags[equipment + ".starts"].GetProperty("value").GetInt64().ShouldBe(12);
        tags[equipment + ".running"].GetProperty("value").GetBoolean().ShouldBeTrue();
        tags[equipment + ".mode"].GetProperty("value").GetString().ShouldBe("auto");
        tags[equipment + ".count"].GetProperty("value").GetInt64().ShouldBe(7);
        tags[equipment + ".door"].GetProperty("value").GetBoolean().ShouldBeFalse();
        tags[equipment + ".note"].GetProperty("value").GetString().ShouldBe("say \"hi\"");
        tags[equipment + ".temperature"].Timestamp().ShouldBe(DateTime.UnixEpoch.AddSeconds(seconds));
        tags[equipment + ".mode"].Timestamp().ShouldBe(DateTime.UnixEpoch.AddSeconds(seconds - 5));
        tags[equipment + ".temperature"].GetProperty("quality").GetString().ShouldBe("Good");
    }

    [Fact]
    public async Task A_bad_line_is_refused_with_400_naming_it_and_the_good_lines_are_stored()
    {
        var measurement = Unique("lp");
        var before = PrometheusText.Sum(await platform.Http.GetMetricsAsync(Ct), "nightshift_lineprotocol_rejected_lines_total");
        using var content = new StringContent($"{measurement},host=a v=1\n{measurement},host=b v=\n{measurement},host=c v=3i\n", Encoding.UTF8, "text/plain");

        using var response = await platform.Http.PostAsync(new Uri("/write?db=plant", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var message = error.GetProperty("error").GetString().ShouldNotBeNull();
        message.ShouldStartWith("partial write: unable to parse '");
        message.ShouldContain("missing field value (line 2, column");
        message.ShouldEndWith("dropped=1");
        error.GetProperty("accepted").GetInt32().ShouldBe(2);
        error.GetProperty("dropped").GetInt32().ShouldBe(1);
        var line = error.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem();
        line.GetProperty("line").GetInt32().ShouldBe(2);
        line.GetProperty("column").GetInt32().ShouldBe(measurement.Length + 11);
        line.GetProperty("reason").GetString().ShouldBe("missing field value");

        var a = await Poll.UntilAsync(ct => platform.Http.GetTagAsync($"{measurement}/a.v", ct), t => t is not null, Visible, "the good line before the bad one", Ct);
        a!.Value.GetProperty("value").GetDouble().ShouldBe(1.0);
        var c = await Poll.UntilAsync(ct => platform.Http.GetTagAsync($"{measurement}/c.v", ct), t => t is not null, Visible, "the good line after the bad one", Ct);
        c!.Value.GetProperty("value").GetInt64().ShouldBe(3);
        (await platform.Http.GetTagsAsync($"{measurement}/b", Ct)).ShouldBeEmpty();
        await Poll.UntilAsync(
            async ct => PrometheusText.Sum(await platform.Http.GetMetricsAsync(ct), "nightshift_lineprotocol_rejected_lines_total") >= before + 1,
            TimeSpan.FromSeconds(10),
            "nightshift_lineprotocol_rejected_lines_total to count the bad line",
            Ct);
    }

    [Fact]
    public async Task A_gzip_body_is_accepted_as_Telegraf_sends_it()
    {
        var measurement = Unique("lp");
        var text = string.Join('\n', Enumerable.Range(0, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"{measurement},host=gz i{i}={i}i")));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(text), Ct);
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await platform.Http.PostAsync(new Uri("/write?db=telegraf&precision=ms", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync(Ct));
        var tags = await Poll.UntilAsync(ct => platform.Http.GetTagsAsync($"{measurement}/gz", ct), t => t.Count == 50, Visible, "the 50 fields of the gzip body", Ct);
        tags[$"{measurement}/gz.i49"].GetProperty("value").GetInt64().ShouldBe(49);
    }

    [Fact]
    public async Task A_body_that_is_not_gzip_but_says_so_is_refused()
    {
        using var content = new StringContent($"{Unique("lp")} v=1", Encoding.UTF8, "text/plain");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await platform.Http.PostAsync(new Uri("/write", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString().ShouldNotBeNull().ShouldContain("gzip");
    }

    [Fact]
    public async Task The_npm_influx_client_writes_points_that_appear_in_the_api()
    {
        var key = await CreateApiKeyAsync("operator");
        var measurement = Unique("lp");
        var directory = RepositoryLayout.InteropDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "influx")))
        {
            throw new InvalidOperationException($"The npm influx client is not installed in {directory}; run scripts/install-test-deps.sh (npm ci there).");
        }

        var result = await ExternalTool.RunAsync(
            "node",
            ["influx-client.js", "--url", platform.BaseUrl, "--user", "any-user", "--password", key, "--measurement", measurement, "--host", "node-1"],
            TimeSpan.FromSeconds(30),
            Ct,
            directory);

        result.ExitCode.ShouldBe(0, result.ToString());
        var equipment = $"{measurement}/node-1/l1";
        var tags = await Poll.UntilAsync(
            ct => platform.Http.GetTagsAsync(equipment, ct),
            t => t.Count == 4 && t.Values.All(v => v.GetProperty("value").ValueKind != JsonValueKind.Null) && t[equipment + ".temperature"].GetProperty("value").GetDouble() == 21.25,
            Visible,
            $"the tags of {equipment}",
            Ct);
        tags[equipment + ".starts"].GetProperty("value").GetInt64().ShouldBe(12);
        tags[equipment + ".running"].GetProperty("value").GetBoolean().ShouldBeTrue();
        tags[equipment + ".mode"].GetProperty("value").GetString().ShouldBe("auto \"A\"");
        var written = result.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).First(e => e.GetProperty("event").GetString() == "written");
        tags[equipment + ".temperature"].Timestamp().ShouldBe(DateTime.UnixEpoch.AddMilliseconds(written.GetProperty("timestamp").GetInt64()));

        var free = await Poll.UntilAsync(ct => platform.Http.GetTagAsync($"{measurement}_free/node-1.level", ct), t => t is not null, Visible, "the point written without a timestamp", Ct);
        free!.Value.GetProperty("value").GetDouble().ShouldBe(7.5);
        free.Value.Timestamp().ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("wrong-key")]
    [InlineData("wrong-password")]
    [InlineData("wrong-query")]
    [InlineData("malformed-basic")]
    public async Task Wrong_credentials_are_refused_with_401_and_nothing_is_written(string credentials)
    {
        var measurement = Unique("lp");
        var url = $"{platform.BaseUrl}/write?db=plant";
        string[] arguments = credentials switch
        {
            "none" => [url],
            "wrong-key" => ["-H", "Authorization: Token nsk_1_0000", url],
            "wrong-password" => ["-u", $"{SharedPlatform.AdminUser}:not-the-password", url],
            "wrong-query" => [url + "&u=admin&p=nope"],
            _ => ["-H", "Authorization: Basic !!!", url],
        };

        var curl = await CurlAsync(["--data-binary", $"{measurement} v=1", .. arguments]);

        curl.Status.ShouldBe(401, curl.Body);
        JsonDocument.Parse(curl.Body).RootElement.GetProperty("error").GetString().ShouldBe("authorization failed");
        (await platform.Http.GetTagsAsync(measurement, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_admin_password_works_over_basic_authentication_as_for_an_InfluxDB_user()
    {
        var measurement = Unique("lp");

        var curl = await CurlAsync(["-u", $"{SharedPlatform.AdminUser}:{platform.AdminPassword}", "--data-binary", $"{measurement} v=2.5", $"{platform.BaseUrl}/write?db=plant"]);

        curl.Status.ShouldBe(204, curl.Body);
        await Poll.UntilAsync(ct => platform.Http.GetTagAsync($"{measurement}.v", ct), t => t is not null, Visible, "the point written with the admin's password", Ct);
    }

    [Fact]
    public async Task A_viewer_may_not_write()
    {
        var key = await CreateApiKeyAsync("viewer");

        var curl = await CurlAsync(["-H", "Authorization: Token " + key, "--data-binary", $"{Unique("lp")} v=1", $"{platform.BaseUrl}/write"]);

        curl.Status.ShouldBe(403, curl.Body);
        JsonDocument.Parse(curl.Body).RootElement.GetProperty("error").GetString().ShouldNotBeNull().ShouldContain("operator");
    }

    [Fact]
    public async Task Ping_answers_204_with_the_InfluxDB_version_and_needs_authentication()
    {
        using (var response = await platform.Http.GetAsync(new Uri("/ping", UriKind.Relative), Ct))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            response.Headers.GetValues("X-Influxdb-Version").ShouldHaveSingleItem().ShouldStartWith("1.8");
        }

        using var anonymous = platform.CreateAnonymousClient();
        using var refused = await anonymous.GetAsync(new Uri("/ping", UriKind.Relative), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_precision_is_refused()
    {
        using var content = new StringContent($"{Unique("lp")} v=1 1", Encoding.UTF8, "text/plain");

        using var response = await platform.Http.PostAsync(new Uri("/write?precision=fortnight", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString().ShouldNotBeNull().ShouldContain("precision");
    }

    private async Task<string> CreateApiKeyAsync(string role)
    {
        using var created = await platform.Http.PostAsJsonAsync("/api/v1/api-keys", new { name = Unique("influx"), role }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString().ShouldNotBeNull();
    }

    /// <summary>Runs curl (POST by --data-binary) and returns the HTTP status and the body.</summary>
    private static async Task<(int Status, string Body)> CurlAsync(IEnumerable<string> arguments)
    {
        var result = await ExternalTool.RunAsync("curl", ["-sS", "-w", "\n%{http_code}", .. arguments], TimeSpan.FromSeconds(30), Ct);
        result.ExitCode.ShouldBe(0, result.ToString());
        var output = result.StandardOutput;
        var split = output.LastIndexOf('\n');
        return (int.Parse(output[(split + 1)..].Trim(), CultureInfo.InvariantCulture), output[..split]);
    }

    private static async Task<string> WriteTempFileAsync(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nightshift-e2e-lp-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), Ct);
        return path;
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
