using System.Security.Cryptography;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// Bad input over MQTT on the shared instance: each kind is counted on <c>/metrics</c>, the virtual plant's data keeps
/// flowing and another connected client stays connected.
/// </summary>
public sealed class BadMqttInputTests(SharedPlatform platform) : IDisposable
{
    private const string WatchedTag = "stuttgart/press-shop/press-line/presses/press-2.power";
    private readonly string _scratch = TemporaryDirectory.Create("mqtt-input");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => TemporaryDirectory.Delete(_scratch);

    [Fact]
    public async Task Bad_mqtt_input_is_counted_and_harms_no_one_else()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var watchTopic = $"e2e/{id}/chat";
        using var bystander = Mosquitto.StartSubscriber(platform.MqttPort, SharedPlatform.AdminUser, platform.AdminPassword, $"e2e/{id}/#");
        await Poll.UntilAsync(
            async ct =>
            {
                var hello = await Mosquitto.PublishAsync(platform.MqttPort, SharedPlatform.AdminUser, platform.AdminPassword, watchTopic, "hello", ct);
                return hello.ExitCode == 0 && bystander.Lines.Any(l => l == watchTopic + " hello");
            },
            TimeSpan.FromSeconds(15),
            "the bystander subscriber to receive a first message",
            Ct);
        var watched = await Poll.UntilAsync(ct => platform.Http.GetTagAsync(WatchedTag, ct), t => t is not null, TimeSpan.FromSeconds(30), WatchedTag, Ct);
        var metrics = await platform.Http.GetMetricsAsync(Ct);
        string[] kinds = ["sparkplug_malformed_payload", "mqtt_bad_topic", "mqtt_oversized_payload", "json_invalid"];
        var before = kinds.ToDictionary(k => k, k => PrometheusText.Sum(metrics, "nightshift_ingest_errors_total", ("kind", k)));

        var garbage = WriteFile("garbage.bin", RandomNumberGenerator.GetBytes(512));
        var huge = WriteFile("huge.bin", RandomNumberGenerator.GetBytes(256 * 1024 + 1));
        var user = SharedPlatform.AdminUser;
        var password = platform.AdminPassword;
        var results = new[]
        {
            await Mosquitto.PublishFileAsync(platform.MqttPort, user, password, $"spBv1.0/E2eBad{id}/NDATA/node-1", garbage, Ct),
            await Mosquitto.PublishAsync(platform.MqttPort, user, password, "spBv1.0/only-two", "x", Ct, qos: 0),
            await Mosquitto.PublishFileAsync(platform.MqttPort, user, password, $"nightshift/json/lab-{id}/huge", huge, Ct),
            await Mosquitto.PublishAsync(platform.MqttPort, user, password, $"nightshift/json/lab-{id}/broken", """{"values": {"a": 1,""", Ct, qos: 0),
        };

        foreach (var result in results)
        {
            result.ExitCode.ShouldBe(0, result.ToString());
        }

        foreach (var kind in kinds)
        {
            await Poll.UntilAsync(
                async ct => PrometheusText.Sum(await platform.Http.GetMetricsAsync(ct), "nightshift_ingest_errors_total", ("kind", kind)) > before[kind],
                TimeSpan.FromSeconds(10),
                $"nightshift_ingest_errors_total{{kind=\"{kind}\"}} to rise above {before[kind]}",
                Ct);
        }

        var since = watched!.Value.Timestamp();
        await Poll.UntilAsync(
            ct => platform.Http.GetTagAsync(WatchedTag, ct),
            t => t is { } tag && tag.Timestamp() > since,
            TimeSpan.FromSeconds(30),
            $"{WatchedTag} to advance past {since:O}",
            Ct);

        bystander.HasExited.ShouldBeFalse(string.Join(" | ", bystander.Lines));
        var after = await Mosquitto.PublishAsync(platform.MqttPort, user, password, watchTopic, "still-here", Ct);
        after.ExitCode.ShouldBe(0, after.ToString());
        await bystander.WaitForLineAsync(watchTopic + " still-here", TimeSpan.FromSeconds(10), Ct);
        (await platform.Http.GetTagsAsync($"lab-{id}", Ct)).ShouldBeEmpty();
    }

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(_scratch, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
