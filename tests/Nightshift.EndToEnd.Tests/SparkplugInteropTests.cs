using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// The Sparkplug B primary host against real edge nodes in Node.js: Eclipse Tahu's sparkplug-client (births and data
/// become discovered equipment with live tags), and a hand-built node that breaks seq or aliases on purpose (the host
/// asks for a rebirth with NCMD <c>Node Control/Rebirth</c>).
/// </summary>
public sealed class SparkplugInteropTests(SharedPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tahu_edge_node_and_device_appear_in_assets_with_their_metrics_in_tags()
    {
        var group = "E2e" + Guid.NewGuid().ToString("N")[..8];

        var (result, events) = await NodePeer.RunAsync("edge-node.js", platform.MqttPort, SharedPlatform.AdminUser, platform.AdminPassword, group, "edge-1", ["--device", "pump", "--count", "3"], Ct);

        result.ExitCode.ShouldBe(0, result.ToString());
        events.Select(e => e.Kind()).ShouldContain("connected");
        events.Count(e => e.Kind() == "published" && e.GetProperty("type").GetString() == "DDATA").ShouldBe(3);

        var assets = await Poll.UntilAsync(
            ct => platform.Http.GetJsonAsync("/api/v1/assets?under=" + group, ct),
            a => Paths(a).Contains($"{group}/edge-1/pump"),
            TimeSpan.FromSeconds(15),
            $"the edge node and its device under {group} in /api/v1/assets",
            Ct);
        var nodes = Flatten(assets.GetProperty("assets")[0]).ToDictionary(n => n.GetProperty("path").GetString()!, StringComparer.Ordinal);
        nodes[$"{group}/edge-1"].GetProperty("source").GetString().ShouldBe($"spBv1.0/{group}/edge-1");
        nodes[$"{group}/edge-1/pump"].GetProperty("kind").GetString().ShouldBe("Equipment");
        nodes[$"{group}/edge-1/pump"].GetProperty("source").GetString().ShouldBe($"spBv1.0/{group}/edge-1/pump");
        var pumpType = assets.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("name").GetString() == nodes[$"{group}/edge-1/pump"].GetProperty("type").GetString());
        pumpType.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["temperature", "running", "count"], ignoreOrder: true);

        var tags = await Poll.UntilAsync(
            ct => platform.Http.GetTagsAsync(group, ct),
            t => t.TryGetValue($"{group}/edge-1/pump.count", out var c) && c.GetProperty("value").ValueKind == JsonValueKind.Number && c.GetProperty("value").GetInt64() == 3,
            TimeSpan.FromSeconds(15),
            "the last DDATA of the device in /api/v1/tags",
            Ct);
        tags[$"{group}/edge-1/pump.temperature"].GetProperty("value").GetDouble().ShouldBe(23.5);
        tags[$"{group}/edge-1/pump.temperature"].GetProperty("unit").GetString().ShouldBe("degC");
        tags[$"{group}/edge-1/pump.running"].GetProperty("value").GetBoolean().ShouldBeTrue();
        tags[$"{group}/edge-1.firmware"].GetProperty("value").GetString().ShouldBe("1.4.2");
        tags[$"{group}/edge-1.uptime"].GetProperty("value").GetInt64().ShouldBe(1200);
        tags.Keys.ShouldNotContain(k => k.Contains("Node Control", StringComparison.Ordinal) || k.EndsWith(".bdSeq", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rebirth_is_requested_when_a_sequence_number_is_skipped()
    {
        var group = "E2e" + Guid.NewGuid().ToString("N")[..8];
        var before = await ErrorCountAsync("sparkplug_sequence_gap", Ct);

        var (result, events) = await NodePeer.RunAsync("seq-gap.js", platform.MqttPort, SharedPlatform.AdminUser, platform.AdminPassword, group, "gappy", ["--fault", "gap"], Ct);

        result.ExitCode.ShouldBe(0, result.ToString());
        ShouldHaveReceivedRebirth(events, group, "gappy");
        events.Where(e => e.Kind() == "published").Select(e => e.GetProperty("seq").GetInt32()).ShouldBe([0, 1, 5]);
        await Poll.UntilAsync(async ct => await ErrorCountAsync("sparkplug_sequence_gap", ct) > before, TimeSpan.FromSeconds(10), "sparkplug_sequence_gap to be counted", Ct);
    }

    [Fact]
    public async Task Rebirth_is_requested_for_an_unknown_alias()
    {
        var group = "E2e" + Guid.NewGuid().ToString("N")[..8];
        var before = await ErrorCountAsync("sparkplug_unknown_alias", Ct);

        var (result, events) = await NodePeer.RunAsync("seq-gap.js", platform.MqttPort, SharedPlatform.AdminUser, platform.AdminPassword, group, "aliased", ["--fault", "alias"], Ct);

        result.ExitCode.ShouldBe(0, result.ToString());
        ShouldHaveReceivedRebirth(events, group, "aliased");
        await Poll.UntilAsync(async ct => await ErrorCountAsync("sparkplug_unknown_alias", ct) > before, TimeSpan.FromSeconds(10), "sparkplug_unknown_alias to be counted", Ct);
    }

    private static void ShouldHaveReceivedRebirth(IReadOnlyList<JsonElement> events, string group, string node)
    {
        var command = events.FirstOrDefault(e => e.Kind() == "ncmd");
        command.ValueKind.ShouldBe(JsonValueKind.Object, "no NCMD printed: " + string.Join(" | ", events));
        command.GetProperty("topic").GetString().ShouldBe($"spBv1.0/{group}/NCMD/{node}");
        var rebirth = command.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Node Control/Rebirth");
        rebirth.GetProperty("value").GetBoolean().ShouldBeTrue();
    }

    private async Task<double> ErrorCountAsync(string kind, CancellationToken ct) =>
        PrometheusText.Sum(await platform.Http.GetMetricsAsync(ct), "nightshift_ingest_errors_total", ("kind", kind));

    private static IEnumerable<JsonElement> Flatten(JsonElement node) =>
        node.GetProperty("children").EnumerateArray().SelectMany(Flatten).Prepend(node);

    private static HashSet<string> Paths(JsonElement assets) =>
        assets.GetProperty("assets").EnumerateArray().SelectMany(Flatten).Select(n => n.GetProperty("path").GetString()!).ToHashSet(StringComparer.Ordinal);
}
