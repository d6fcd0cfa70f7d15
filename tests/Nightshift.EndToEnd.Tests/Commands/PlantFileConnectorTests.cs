using System.Globalization;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Commands;

/// <summary>
/// A node of its own started with a plant file that declares a Modbus connector next to the equipment it feeds: the
/// connector runs without any API call, its values reach the equipment, a write to a writable register goes through
/// the twin to a real pymodbus server and is confirmed by the read-back, and a plant file with a broken connector
/// stops the node with the error at its line.
/// </summary>
public sealed class PlantFileConnectorTests : IAsyncLifetime
{
    private const string Extruder = "lab/extrusion/line-1/extruder";
    private readonly string _password = SharedPlatform.NewPassword();
    private string _folder = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _folder = TemporaryDirectory.Create("plant-connector");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        TemporaryDirectory.Delete(_folder);
        return ValueTask.CompletedTask;
    }

    private static string PlantFile(int port, string table) => string.Create(CultureInfo.InvariantCulture, $$"""
        types:
          Extruder:
            tags:
              state:       { type: string }
              setpoint:    { type: double, unit: degC, writable: true }
              temperature: { type: double, unit: degC }
              heating:     { type: bool, writable: true }
        sites:
          - id: lab
            timeZone: Europe/Berlin
            areas:
              - id: extrusion
                lines:
                  - id: line-1
                    equipment:
                      - { id: extruder, type: Extruder }
        connectors:
          extruder-plc:
            kind: modbus
            host: 127.0.0.1
            port: {{port}}
            equipment: {{Extruder}}
            timeoutMs: 500
            pollGroups:
              - name: fast
                intervalMs: 200
                points:
                  - { name: setpoint, unit: 1, table: {{table}}, address: 40, type: float32 }
                  - { name: temperature, unit: 1, table: holding, address: 6, type: float32 }
                  - { name: heating, unit: 1, table: coil, address: 5, type: bool }
        """);

    [Fact]
    public async Task A_connector_declared_in_the_plant_file_runs_and_takes_writes_confirmed_by_read_back()
    {
        await using var plc = await PymodbusServer.StartAsync();
        var plant = Path.Combine(_folder, "plant.yaml");
        await File.WriteAllTextAsync(plant, PlantFile(plc.Port, "holding"), Ct);
        await using var node = await PlatformProcess.StartAsync("run", Path.Combine(_folder, "data"), _password, ["--plant", plant], Ct);
        using var http = await SharedPlatform.CreateAuthorizedClientAsync(node.BaseUrl, SharedPlatform.AdminUser, _password, Ct);

        var tags = await Poll.UntilAsync(
            ct => http.GetTagsAsync(Extruder, ct),
            t => t.TryGetValue(Extruder + ".temperature", out var temperature) && temperature.GetProperty("value").ValueKind == JsonValueKind.Number,
            TimeSpan.FromSeconds(30),
            "the extruder's temperature from the plant file's connector",
            Ct);
        tags[Extruder + ".temperature"].GetProperty("value").GetDouble().ShouldBe(123.456, 0.001);
        var connector = await http.GetJsonAsync("/api/v1/connectors/extruder-plc", Ct);
        connector.GetProperty("document").GetProperty("port").GetInt32().ShouldBe(plc.Port);

        var written = await http.WriteTagAsync(new { path = Extruder, tag = "setpoint", value = 212.5 }, Ct);
        written.GetProperty("outcome").GetString().ShouldBe("confirmed", written.ToString());
        written.GetProperty("readBack").GetDouble().ShouldBe(212.5);
        var heating = await http.WriteTagAsync(new { path = Extruder, tag = "heating", value = true }, Ct);
        heating.GetProperty("outcome").GetString().ShouldBe("confirmed", heating.ToString());
        var readOnly = await http.WriteTagAsync(new { path = Extruder, tag = "temperature", value = 20.0 }, Ct);
        readOnly.GetProperty("outcome").GetString().ShouldBe("refused");

        // The registers really changed: read them back from the server with mbpoll, a third-party client.
        var mbpoll = await ExternalTool.RunAsync("mbpoll", ["-m", "tcp", "-p", plc.Port.ToString(CultureInfo.InvariantCulture), "-a", "1", "-t", "4:float", "-B", "-r", "41", "-c", "1", "-1", "127.0.0.1"], TimeSpan.FromSeconds(20), Ct);
        mbpoll.StandardOutput.ShouldContain("212.5", Case.Sensitive, mbpoll.ToString());
        (await node.StopAsync(Ct)).ShouldBe(0, node.Log.Tail());
    }

    [Fact]
    public async Task A_plant_file_with_an_invalid_connector_stops_the_node_with_the_error_at_its_line()
    {
        var plant = Path.Combine(_folder, "broken.yaml");
        await File.WriteAllTextAsync(plant, PlantFile(FreePort.Next(), "nowhere"), Ct);

        var failed = await Should.ThrowAsync<InvalidOperationException>(
            () => PlatformProcess.StartAsync("run", Path.Combine(_folder, "data"), _password, ["--plant", plant], Ct));

        failed.Message.ShouldContain("broken.yaml:18:3: connectors.extruder-plc:");
        failed.Message.ShouldContain("nowhere");
    }

}
