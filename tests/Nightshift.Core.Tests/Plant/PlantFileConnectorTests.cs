using System.Text.Json;
using Nightshift.Core.Plant;

namespace Nightshift.Core.Tests.Plant;

public sealed class PlantFileConnectorTests
{
    private const string Plant = """
        types:
          Extruder:
            tags:
              setpoint: { type: double, writable: true }
              speed:    { type: double }
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
            enabled: true
            host: 127.0.0.1
            port: 5020
            equipment: lab/extrusion/line-1/extruder
            timeoutMs: 1500
            pollGroups:
              - name: fast
                intervalMs: 250
                points:
                  - { name: setpoint, unit: 1, table: holding, address: 40, type: float32, scale: 0.5, byteOrder: "CDAB" }
                  - { name: speed, unit: 1, table: input, address: "7", type: uint16 }
          other:
            kind: modbus
            host: 10.0.0.9
        """;

    [Fact]
    public void Connectors_become_json_documents_with_their_name_and_place()
    {
        var model = PlantFileLoader.Load("plants/lab.yaml", Plant, "demo");

        model.Connectors.Select(c => c.Name).ShouldBe(["extruder-plc", "other"]);
        var connector = model.Connectors[0];
        (connector.File, connector.Line, connector.Column).ShouldBe(("plants/lab.yaml", 16, 3));
        using var json = JsonDocument.Parse(connector.Json);
        var root = json.RootElement;
        root.GetProperty("name").GetString().ShouldBe("extruder-plc");
        root.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        root.GetProperty("port").GetInt32().ShouldBe(5020);
        root.GetProperty("host").GetString().ShouldBe("127.0.0.1");
        var points = root.GetProperty("pollGroups")[0].GetProperty("points");
        points[0].GetProperty("scale").GetDouble().ShouldBe(0.5);
        points[0].GetProperty("byteOrder").GetString().ShouldBe("CDAB");
        points[1].GetProperty("address").ValueKind.ShouldBe(JsonValueKind.String, "a quoted scalar stays text");
    }

    [Fact]
    public void Writable_tags_are_marked_on_their_definition()
    {
        var model = PlantFileLoader.Load("plants/lab.yaml", Plant, "demo");

        var tags = model.FindType("Extruder")!.Tags;
        tags.Single(t => t.Name == "setpoint").Writable.ShouldBeTrue();
        tags.Single(t => t.Name == "speed").Writable.ShouldBeFalse();
    }

    [Fact]
    public void A_plant_file_without_connectors_has_none()
    {
        var model = PlantFileLoader.Load(SamplePlantFiles.FileName, SamplePlantFiles.Valid, "fallback");

        model.Connectors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("connectors: [a, b]", "connectors", "expected a mapping of connector names to connectors")]
    [InlineData("connectors:\n  plc: modbus", "connectors.plc", "expected a connector mapping")]
    [InlineData("connectors:\n  plc: { name: other, kind: modbus }", "connectors.plc", "its name is the key of its entry")]
    [InlineData("connectors:\n  plc: &a { kind: modbus, nested: [*a] }", "connectors.plc", "too large or too deeply nested")]
    public void A_malformed_connectors_section_is_reported_with_its_field(string section, string field, string message)
    {
        var yaml = Plant[..Plant.IndexOf("connectors:", StringComparison.Ordinal)] + section;

        var error = Should.Throw<PlantFileException>(() => PlantFileLoader.Load("plants/lab.yaml", yaml, "demo"));

        error.Errors.ShouldContain(e => e.Field.StartsWith(field, StringComparison.Ordinal) && e.Message.Contains(message, StringComparison.Ordinal), error.Message);
    }
}
