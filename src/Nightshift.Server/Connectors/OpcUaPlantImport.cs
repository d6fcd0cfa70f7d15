using System.Globalization;
using System.Text;
using Nightshift.Connectivity.OpcUa.Client;
using Nightshift.Core.Assets;

namespace Nightshift.Server.Connectors;

/// <summary>
/// Turns a browsed OPC UA address space into a plant file to edit and load: every object with scalar variables of a
/// type Nightshift stores becomes equipment under one line, its own asset type (the object's name) with a tag per
/// variable (objects of the same name get types "Name", "Name-2", … to merge by hand), and an OPC UA connector bound to it that subscribes to those variables. Names are made valid (letters,
/// digits, '-' and '_'; unique). Pure and thread-safe.
/// </summary>
public static class OpcUaPlantImport
{
    /// <summary>The equipment of one import at the most (one connector, one session each).</summary>
    public const int MaxEquipment = 200;

    /// <summary>The plant file text and what it holds.</summary>
    public sealed record Result(string PlantFile, int Equipment, int Tags, int Skipped);

    /// <param name="root">The browsed address space.</param>
    /// <param name="line">The line the equipment goes under: <c>site/area/line</c>.</param>
    /// <param name="timeZone">The site's IANA time zone.</param>
    /// <param name="connector">The connection part of every connector (endpoint, security, user), as in the connector document.</param>
    /// <param name="interval">The publishing and sampling interval of the subscriptions.</param>
    /// <exception cref="ArgumentException"><paramref name="line"/> is not a path of three segments.</exception>
    public static Result ToPlantFile(OpcUaImportedObject root, AssetPath line, string timeZone, ConnectorDocument connector, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(connector);
        if (line.Depth != 3)
        {
            throw new ArgumentException($"'{line.Value}' is not a line path (site/area/line)", nameof(line));
        }

        var equipment = new List<(string Id, string Type, string Display, List<(string Tag, OpcUaImportedVariable Variable)> Tags)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var typeNames = new HashSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var node in Flatten(root))
        {
            var tags = new List<(string, OpcUaImportedVariable)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var variable in node.Variables)
            {
                if (variable.ValueRank >= 0 || variable.BuiltInType is null)
                {
                    skipped++; // arrays and structures: not a tag value
                    continue;
                }

                tags.Add((Unique(Name(variable.Name), names), variable));
            }

            if (tags.Count > 0 && equipment.Count < MaxEquipment)
            {
                var id = Unique(Name(node.Name).ToLowerInvariant(), ids);
                equipment.Add((id, Unique(Name(node.Name), typeNames), node.DisplayName, tags));
            }
        }

        var yaml = new StringBuilder();
        yaml.AppendLine(CultureInfo.InvariantCulture, $"# Imported from {connector.EndpointUrl}: edit names, types and groups, then load with --plant.");
        yaml.AppendLine("types:");
        foreach (var (_, type, _, tags) in equipment)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  {type}:");
            yaml.AppendLine("    tags:");
            foreach (var (tag, variable) in tags)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"      {tag}: {{ type: {TypeName(variable.TagDataType)} }}");
            }
        }

        var segments = line.Segments;
        yaml.AppendLine("sites:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  - id: {segments[0]}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    timeZone: {Quote(timeZone)}");
        yaml.AppendLine("    areas:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"      - id: {segments[1]}");
        yaml.AppendLine("        lines:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"          - id: {segments[2]}");
        yaml.AppendLine("            equipment:");
        foreach (var (id, type, display, _) in equipment)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"              - {{ id: {id}, name: {Quote(display)}, type: {type} }}");
        }

        yaml.AppendLine("connectors:");
        var intervalMs = (long)interval.TotalMilliseconds;
        foreach (var (id, _, _, tags) in equipment)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  {id}-opcua:");
            yaml.AppendLine("    kind: opcua");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    endpointUrl: {Quote(connector.EndpointUrl ?? string.Empty)}");
            if (connector.Security is { } security)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    security: {{ mode: {Quote(security.Mode ?? "None")}, policy: {Quote(security.Policy ?? "None")} }}");
            }

            if (connector.User is { } user)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    user: {Quote(user)}");
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    password: {Quote(connector.Password ?? string.Empty)}");
            }

            yaml.AppendLine(CultureInfo.InvariantCulture, $"    equipment: {line.Value}/{id}");
            yaml.AppendLine("    pollGroups:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      - name: all");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"        intervalMs: {intervalMs}");
            yaml.AppendLine("        points:");
            foreach (var (tag, variable) in tags)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"          - {{ name: {tag}, nodeId: {Quote(variable.NodeId.ToString())} }}");
            }
        }

        return new Result(yaml.ToString(), equipment.Count, equipment.Sum(e => e.Tags.Count), skipped);
    }

    private static IEnumerable<OpcUaImportedObject> Flatten(OpcUaImportedObject node) => node.Objects.SelectMany(Flatten).Prepend(node);

    /// <summary>A valid name from a browse name: letters, digits, '-' and '_' (others become '_'), 1 to 64 characters.</summary>
    private static string Name(string browseName)
    {
        var builder = new StringBuilder(Math.Min(browseName.Length, 60));
        foreach (var c in browseName)
        {
            if (builder.Length == 60)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return builder.Length == 0 ? "node" : builder.ToString();
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static string TypeName(TagDataType type) => type switch
    {
        TagDataType.Double => "double",
        TagDataType.Long => "long",
        TagDataType.Bool => "bool",
        _ => "string",
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
