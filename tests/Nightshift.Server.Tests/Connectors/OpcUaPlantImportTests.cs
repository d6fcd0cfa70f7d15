using Nightshift.Connectivity.OpcUa.Client;
using Nightshift.Connectivity.OpcUa.Types;
using Nightshift.Core.Assets;
using Nightshift.Core.Plant;
using Nightshift.Server.Connectors;

namespace Nightshift.Server.Tests.Connectors;

public sealed class OpcUaPlantImportTests
{
    private static readonly ConnectorDocument Connection = new()
    {
        EndpointUrl = "opc.tcp://10.0.4.30:4840/UA/Mixer",
        User = "operator",
        Password = "se\"cret",
        Security = new ConnectorSecurityDocument { Mode = "None", Policy = "None" },
    };

    private static OpcUaImportedVariable Variable(string name, BuiltInType type, TagDataType tagType, int valueRank = -1) =>
        new(NodeId.FromString(2, "Plant." + name), "Plant/" + name, name, name, NodeId.Null, type, tagType, valueRank);

    private static OpcUaImportedObject Object(string name, IReadOnlyList<OpcUaImportedObject> objects, params OpcUaImportedVariable[] variables) =>
        new(NodeId.FromString(2, name), name, name, name + " display", objects, variables);

    [Fact]
    public void An_address_space_becomes_a_plant_file_that_loads_with_valid_connectors()
    {
        var root = Object(
            "Plant",
            [
                Object("Mixer 1", [], Variable("Speed", BuiltInType.Double, TagDataType.Double), Variable("Count", BuiltInType.Int32, TagDataType.Long), Variable("Profile", BuiltInType.Double, TagDataType.String, valueRank: 1)),
                Object("Mixer 1", [], Variable("Speed", BuiltInType.Double, TagDataType.Double), Variable("Speed", BuiltInType.Float, TagDataType.Double)),
                Object("Empty", []),
            ],
            Variable("Mode", BuiltInType.String, TagDataType.String));

        var result = OpcUaPlantImport.ToPlantFile(root, AssetPath.Parse("lab/mixing/line-1"), "Europe/Berlin", Connection, TimeSpan.FromMilliseconds(500));

        (result.Equipment, result.Tags, result.Skipped).ShouldBe((3, 5, 1));
        var model = PlantFileLoader.Load("imported.yaml", result.PlantFile, "demo");
        model.Equipment.Select(e => e.Path.Value).Order(StringComparer.Ordinal).ShouldBe(
            ["lab/mixing/line-1/mixer_1", "lab/mixing/line-1/mixer_1-2", "lab/mixing/line-1/plant"]);
        model.FindType("Mixer_1")!.Tags.Select(t => (t.Name, t.DataType)).ShouldBe([("Speed", TagDataType.Double), ("Count", TagDataType.Long)]);
        model.FindType("Mixer_1-2")!.Tags.Select(t => t.Name).ShouldBe(["Speed", "Speed-2"]);
        model.Connectors.Count.ShouldBe(3);
        foreach (var connector in model.Connectors)
        {
            var read = ConnectorDocumentReader.Read(connector.Json);
            read.Errors.ShouldBeEmpty(connector.Json);
            read.Settings!.OpcUa!.Password.ShouldBe("se\"cret");
            read.Settings.FastestInterval.ShouldBe(TimeSpan.FromMilliseconds(500));
        }

        var mixer = ConnectorDocumentReader.Read(model.Connectors.Single(c => c.Name == "mixer_1-opcua").Json).Settings!;
        mixer.Equipment!.Value.ShouldBe("lab/mixing/line-1/mixer_1");
        mixer.OpcUa!.Groups.Single().Items.Select(i => (i.Name, i.NodeId.ToString())).ShouldBe([("Speed", "ns=2;s=Plant.Speed"), ("Count", "ns=2;s=Plant.Count")]);
    }

    [Fact]
    public void The_line_must_be_a_line_path()
    {
        Should.Throw<ArgumentException>(() => OpcUaPlantImport.ToPlantFile(Object("Plant", []), AssetPath.Parse("lab/mixing"), "UTC", Connection, TimeSpan.FromSeconds(1)));
    }
}
