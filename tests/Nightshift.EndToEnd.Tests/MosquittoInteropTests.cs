using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>The embedded broker with the real mosquitto clients: authentication, the JSON device topic, the Sparkplug STATE.</summary>
public sealed class MosquittoInteropTests(SharedPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        var result = await Mosquitto.PublishAsync(platform.MqttPort, SharedPlatform.AdminUser, "wrong-" + Guid.NewGuid().ToString("N"), "nightshift/json/lab/refused/x", """{"values":{"a":1}}""", Ct);

        result.ExitCode.ShouldNotBe(0, result.ToString());
        ShouldBeRefusal(result);
    }

    [Fact]
    public async Task Anonymous_client_is_refused()
    {
        var result = await Mosquitto.PublishAsync(platform.MqttPort, null, null, "nightshift/json/lab/refused/y", """{"values":{"a":1}}""", Ct);

        result.ExitCode.ShouldNotBe(0, result.ToString());
        ShouldBeRefusal(result);
    }

    [Fact]
    public async Task Json_topic_values_published_with_mosquitto_pub_appear_in_tags()
    {
        var site = "lab-" + Guid.NewGuid().ToString("N")[..10];
        var topic = $"nightshift/json/{site}/bench-1/pump-1";

        var result = await Mosquitto.PublishAsync(
            platform.MqttPort,
            SharedPlatform.AdminUser,
            platform.AdminPassword,
            topic,
            """{"values":{"temperature":21.5,"running":true,"mode":"auto","starts":7,"pressure":{"value":2.5,"quality":"uncertain"}}}""",
            Ct);

        result.ExitCode.ShouldBe(0, result.ToString());
        var tags = await Poll.UntilAsync(
            ct => platform.Http.GetTagsAsync(site, ct),
            t => t.Count == 5,
            TimeSpan.FromSeconds(15),
            $"the five values of {topic} in /api/v1/tags?under={site}",
            Ct);
        var device = $"{site}/bench-1/pump-1";
        tags[$"{device}.temperature"].GetProperty("value").GetDouble().ShouldBe(21.5);
        tags[$"{device}.running"].GetProperty("value").GetBoolean().ShouldBeTrue();
        tags[$"{device}.mode"].GetProperty("value").GetString().ShouldBe("auto");
        tags[$"{device}.starts"].GetProperty("value").GetInt64().ShouldBe(7);
        tags[$"{device}.pressure"].GetProperty("quality").GetString().ShouldBe("Uncertain");
        tags[$"{device}.temperature"].GetProperty("quality").GetString().ShouldBe("Good");
    }

    [Fact]
    public async Task Retained_sparkplug_state_of_the_host_says_online()
    {
        var result = await Mosquitto.SubscribeAsync(platform.MqttPort, SharedPlatform.AdminUser, platform.AdminPassword, "spBv1.0/STATE/nightshift", count: 1, waitSeconds: 10, Ct);

        result.ExitCode.ShouldBe(0, result.ToString());
        using var state = JsonDocument.Parse(result.OutputLines.Single());
        state.RootElement.GetProperty("online").GetBoolean().ShouldBeTrue();
        state.RootElement.GetProperty("timestamp").GetInt64().ShouldBeGreaterThan(0);
    }

    private static void ShouldBeRefusal(ToolResult result)
    {
        var text = result.StandardError + result.StandardOutput;
        (text.Contains("Connection Refused", StringComparison.OrdinalIgnoreCase) || text.Contains("not authori", StringComparison.OrdinalIgnoreCase))
            .ShouldBeTrue(result.ToString());
    }
}
