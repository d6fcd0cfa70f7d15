using YamlDotNet.RepresentationModel;

namespace Nightshift.Simulator.Tests;

/// <summary>
/// The parts of plants/virtual-plant.yaml the simulator tests check against: types with their tags, and
/// equipment with its type and source. A reader of its own, since the plant loader is written in parallel.
/// </summary>
internal sealed class PlantFile
{
    private PlantFile(string tenant, IReadOnlyDictionary<string, PlantFileType> types, IReadOnlyList<PlantFileEquipment> equipment)
    {
        Tenant = tenant;
        Types = types;
        Equipment = equipment;
    }

    public string Tenant { get; }

    public IReadOnlyDictionary<string, PlantFileType> Types { get; }

    public IReadOnlyList<PlantFileEquipment> Equipment { get; }

    /// <summary>The full path of plants/virtual-plant.yaml, found above the test's folder.</summary>
    public static string Path()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "plants", "virtual-plant.yaml")))
        {
            directory = directory.Parent;
        }

        directory.ShouldNotBeNull("plants/virtual-plant.yaml is not above the test's folder");
        return System.IO.Path.Combine(directory.FullName, "plants", "virtual-plant.yaml");
    }

    public static PlantFile Load()
    {
        using var reader = new StreamReader(Path());
        var stream = new YamlStream();
        stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        var types = new Dictionary<string, PlantFileType>(StringComparer.Ordinal);
        foreach (var (name, node) in Mapping(root, "types").Children)
        {
            var type = (YamlMappingNode)node;
            var tags = new Dictionary<string, PlantFileTag>(StringComparer.Ordinal);
            foreach (var (tagName, tagNode) in Mapping(type, "tags").Children)
            {
                var tag = (YamlMappingNode)tagNode;
                tags.Add(Text(tagName), new PlantFileTag(
                    Text(tag, "type")!,
                    Text(tag, "unit"),
                    Number(tag, "min"),
                    Number(tag, "max"),
                    Text(tag, "key") == "true"));
            }

            types.Add(Text(name), new PlantFileType(Text(type, "stateModel")!, tags));
        }

        var equipment = new List<PlantFileEquipment>();
        foreach (var site in Sequence(root, "sites"))
        {
            foreach (var area in Sequence(site, "areas"))
            {
                foreach (var line in Sequence(area, "lines"))
                {
                    CollectEquipment(line, equipment);
                    foreach (var cell in Sequence(line, "cells"))
                    {
                        CollectEquipment(cell, equipment);
                    }
                }
            }
        }

        return new PlantFile(Text(root, "tenant")!, types, equipment);
    }

    private static void CollectEquipment(YamlMappingNode parent, List<PlantFileEquipment> into)
    {
        foreach (var item in Sequence(parent, "equipment"))
        {
            into.Add(new PlantFileEquipment(Text(item, "id")!, Text(item, "type")!, Text(item, "source")!));
        }
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static IEnumerable<YamlMappingNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? ((YamlSequenceNode)child).Children.Cast<YamlMappingNode>() : [];

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? ((YamlScalarNode)child).Value : null;

    private static double? Number(YamlMappingNode node, string key) =>
        Text(node, key) is { } text ? double.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
}
