using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Commands;

/// <summary>
/// An OPC UA connector declared in a plant file, against a real node-opcua server: a user session subscribes at 100 ms,
/// the counter's values reach the equipment, set points written through the twin are confirmed by read-back, the
/// password never shows in the API, and a server restart turns the equipment Offline and back with fresh values.
/// </summary>
public sealed class OpcUaConnectorTests : IAsyncLifetime
{
    private const string Mixer = "lab/mixing/line-1/mixer";
    private readonly string _password = SharedPlatform.NewPassword();
    private string _folder = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _folder = TemporaryDirectory.Create("opcua-connector");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        TemporaryDirectory.Delete(_folder);
        return ValueTask.CompletedTask;
    }

    private static string PlantFile(string endpoint) => $$"""
        types:
          Mixer:
            tags:
              counter: { type: long }
              speed:   { type: double, writable: true }
              mode:    { type: string, writable: true }
        sites:
          - id: lab
            timeZone: Europe/Berlin
            areas:
              - id: mixing
                lines:
                  - id: line-1
                    equipment:
                      - { id: mixer, type: Mixer }
        connectors:
          mixer-opcua:
            kind: opcua
            endpointUrl: {{endpoint}}
            user: operator
            password: secret
            equipment: {{Mixer}}
            reconnect: { minDelayMs: 100, maxDelayMs: 1000 }
            pollGroups:
              - name: fast
                intervalMs: 100
                points:
                  - { name: counter, nodeId: "ns=1;s=Counter" }
                  - { name: speed, nodeId: "ns=1;s=Setpoint.Speed" }
                  - { name: mode, nodeId: "ns=1;s=Setpoint.Mode" }
        """;

    [Fact]
    public async Task A_plant_file_opcua_connector_delivers_takes_writes_and_survives_a_server_restart()
    {
        await using var server = await NodeOpcUaServer.StartAsync();
        var plant = Path.Combine(_folder, "plant.yaml");
        await File.WriteAllTextAsync(plant, PlantFile(server.EndpointUrl), Ct);
        await using var node = await PlatformProcess.StartAsync("run", Path.Combine(_folder, "data"), _password, ["--plant", plant], Ct);
        using var http = await SharedPlatform.CreateAuthorizedClientAsync(node.BaseUrl, SharedPlatform.AdminUser, _password, Ct);

        long first;
        try
        {
            first = await CounterAsync(http, 0);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + Environment.NewLine + node.Log.Tail() + Environment.NewLine + server.Output, e);
        }

        await CounterAsync(http, first);
        var connector = await http.GetJsonAsync("/api/v1/connectors/mixer-opcua", Ct);
        connector.GetProperty("status").GetProperty("state").GetString().ShouldBe("Connected");
        connector.GetProperty("document").GetProperty("password").GetString().ShouldBe("********");
        connector.GetProperty("document").GetProperty("security").GetProperty("mode").GetString().ShouldBe("None");

        var speed = await http.WriteTagAsync(new { path = Mixer, tag = "speed", value = 42.5 }, Ct);
        speed.GetProperty("outcome").GetString().ShouldBe("confirmed", speed.ToString());
        speed.GetProperty("readBack").GetDouble().ShouldBe(42.5);
        var mode = await http.WriteTagAsync(new { path = Mixer, tag = "mode", value = "manual" }, Ct);
        mode.GetProperty("outcome").GetString().ShouldBe("confirmed", mode.ToString());
        var counter = await http.WriteTagAsync(new { path = Mixer, tag = "counter", value = 5 }, Ct);
        counter.GetProperty("outcome").GetString().ShouldBe("refused");

        // The server goes away: the mixer goes Offline with Bad tags; it comes back: fresh values, Connected.
        await server.KillAsync();
        await Poll.UntilAsync(
            ct => http.GetTagsAsync(Mixer, ct),
            t => t.TryGetValue(Mixer + ".counter", out var c) && c.GetProperty("quality").GetString()!.StartsWith("Bad", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the counter to turn Bad while the server is down",
            Ct);
        var before = (await http.GetTagsAsync(Mixer, Ct))[Mixer + ".counter"].GetProperty("value").GetInt64();
        await server.RestartAsync();
        await CounterAsync(http, before == 0 ? 0 : -1);
        await Poll.UntilAsync(
            async ct => (await http.GetJsonAsync("/api/v1/connectors/mixer-opcua", ct)).GetProperty("status").GetProperty("state").GetString(),
            state => state == "Connected",
            TimeSpan.FromSeconds(30),
            "the connector to be Connected again",
            Ct);
        (await node.StopAsync(Ct)).ShouldBe(0, node.Log.Tail());
    }

    /// <summary>Waits for a Good counter value other than <paramref name="previous"/> and returns it.</summary>
    private static async Task<long> CounterAsync(HttpClient http, long previous)
    {
        var tags = await Poll.UntilAsync(
            ct => http.GetTagsAsync(Mixer, ct),
            t => t.TryGetValue(Mixer + ".counter", out var c) && c.GetProperty("quality").GetString() == "Good"
                && c.GetProperty("value").ValueKind == JsonValueKind.Number && c.GetProperty("value").GetInt64() != previous,
            TimeSpan.FromSeconds(30),
            "a Good counter value from the OPC UA server",
            Ct);
        return tags[Mixer + ".counter"].GetProperty("value").GetInt64();
    }

}
