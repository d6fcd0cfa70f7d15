using Nightshift.Core.Assets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Core.Plant;

/// <summary>The <c>sites:</c> section: the ISA-95 hierarchy site/area/line[/cell]/equipment.</summary>
internal sealed partial class PlantFileReader
{
    private const int MaxListedTypes = 20;

    private static readonly string[] SiteFields = ["id", "name", "timeZone", "shifts", "areas"];
    private static readonly string[] AreaFields = ["id", "name", "lines"];
    private static readonly string[] LineFields = ["id", "name", "cells", "equipment"];
    private static readonly string[] CellFields = ["id", "name", "equipment"];
    private static readonly string[] EquipmentFields = ["id", "name", "type", "source", "attributes"];

    private readonly Dictionary<string, (AssetPath Path, Mark Mark)> _sources = new(StringComparer.Ordinal);
    private Dictionary<string, AssetType> _types = [];
    private int _assets;

    private List<AssetNode> ReadSites(YamlNode? node, Dictionary<string, AssetType> types)
    {
        _types = types;
        var siblings = new Dictionary<string, Mark>(StringComparer.Ordinal);
        return ReadAssets(node, "sites", AssetKind.Site, AssetPath.Root, siblings);
    }

    /// <summary>A list of assets of one kind under <paramref name="parent"/>; <paramref name="siblings"/> holds the ids taken there.</summary>
    private List<AssetNode> ReadAssets(YamlNode? node, string field, AssetKind kind, AssetPath parent, Dictionary<string, Mark> siblings)
    {
        var assets = new List<AssetNode>();
        if (node is null)
        {
            return assets;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Report(node, field, $"expected a list of {Plural(kind)}, found {Describe(node)}");
            return assets;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (++_assets > MaxAssets)
            {
                if (_assets == MaxAssets + 1)
                {
                    Report(sequence.Children[i], Index(field, i), $"the plant has more than {MaxAssets} sites, areas, lines, cells and equipment; the rest was not read", always: true);
                }

                break;
            }

            if (ReadAsset(sequence.Children[i], Index(field, i), kind, parent, siblings) is { } asset)
            {
                assets.Add(asset);
            }
        }

        return assets;
    }

    private AssetNode? ReadAsset(YamlNode node, string field, AssetKind kind, AssetPath parent, Dictionary<string, Mark> siblings)
    {
        var fields = Fields(node, field, FieldsOf(kind), $"{Singular(kind)} (a mapping with at least 'id')", allowEmpty: false);
        if (fields is null)
        {
            return null;
        }

        var path = ReadId(Required(fields, "id", node, field), Join(field, "id"), parent, siblings);
        var name = Text(Optional(fields, "name"), Join(field, "name")) ?? path.Name;
        var children = new List<AssetNode>();
        var childIds = new Dictionary<string, Mark>(StringComparer.Ordinal);
        switch (kind)
        {
            case AssetKind.Site:
                var timeZone = ReadTimeZone(Required(fields, "timeZone", node, field), Join(field, "timeZone"));
                ReadShifts(Optional(fields, "shifts"), Join(field, "shifts"), path);
                children.AddRange(ReadAssets(Optional(fields, "areas"), Join(field, "areas"), AssetKind.Area, path, childIds));
                return new AssetNode(path, kind, name, children) { TimeZone = timeZone };
            case AssetKind.Area:
                children.AddRange(ReadAssets(Optional(fields, "lines"), Join(field, "lines"), AssetKind.Line, path, childIds));
                break;
            case AssetKind.Line:
                children.AddRange(ReadAssets(Optional(fields, "cells"), Join(field, "cells"), AssetKind.Cell, path, childIds));
                children.AddRange(ReadAssets(Optional(fields, "equipment"), Join(field, "equipment"), AssetKind.Equipment, path, childIds));
                break;
            case AssetKind.Cell:
                children.AddRange(ReadAssets(Optional(fields, "equipment"), Join(field, "equipment"), AssetKind.Equipment, path, childIds));
                break;
            default:
                return ReadEquipment(fields, node, field, path, name);
        }

        return new AssetNode(path, kind, name, children);
    }

    /// <summary>The asset's path; a placeholder below <paramref name="parent"/> when the id is missing or invalid (an error is reported and no model is built).</summary>
    private AssetPath ReadId(YamlNode? node, string field, AssetPath parent, Dictionary<string, Mark> siblings)
    {
        var id = Text(node, field);
        if (id is null)
        {
            return parent.Append("_");
        }

        if (!AssetPath.IsValidSegment(id, out var error))
        {
            Report(node!, field, $"invalid id '{Shorten(id)}': {error}");
            return parent.Append("_");
        }

        if (siblings.TryGetValue(id, out var first))
        {
            Report(node!, field, $"duplicate id '{id}' (first used at line {first.Line})");
        }
        else
        {
            siblings.Add(id, node!.Start);
        }

        return parent.Append(id);
    }

    private string? ReadTimeZone(YamlNode? node, string field)
    {
        var timeZone = Text(node, field);
        if (timeZone is null)
        {
            return null;
        }

        if (!IsTimeZone(timeZone))
        {
            Report(node!, field, $"unknown time zone '{Shorten(timeZone)}'; expected an IANA time zone id such as Europe/Berlin or America/Chicago");
            return null;
        }

        return timeZone;
    }

    private AssetNode ReadEquipment(Dictionary<string, YamlNode> fields, YamlNode node, string field, AssetPath path, string name)
    {
        var typeNode = Required(fields, "type", node, field);
        var typeName = Text(typeNode, Join(field, "type"));
        AssetType? type = null;
        if (typeName is not null && !_types.TryGetValue(typeName, out type))
        {
            Report(typeNode!, Join(field, "type"), $"unknown type '{Shorten(typeName)}' ({KnownTypes()})");
        }

        var sourceNode = Optional(fields, "source");
        var source = Text(sourceNode, Join(field, "source"));
        if (source is not null)
        {
            if (source.Trim().Length == 0 || source.Any(char.IsControl))
            {
                Report(sourceNode!, Join(field, "source"), "a source must be non-blank text without control characters");
                source = null;
            }
            else if (_sources.TryGetValue(source, out var first))
            {
                Report(sourceNode!, Join(field, "source"), $"duplicate source '{Shorten(source)}' (already bound to {first.Path} at line {first.Mark.Line})");
            }
            else
            {
                _sources.Add(source, (path, sourceNode!.Start));
            }
        }

        var attributes = ReadAttributeValues(Optional(fields, "attributes"), Join(field, "attributes"), type);
        return new AssetNode(path, AssetKind.Equipment, name, []) { TypeName = typeName, Source = source, Attributes = attributes };
    }

    /// <summary>
    /// The equipment's attribute values: the type's defaults, overridden by the values given. Names must be
    /// attributes of the type (not checked when the type is unknown: that is reported already).
    /// </summary>
    private Dictionary<string, string> ReadAttributeValues(YamlNode? node, string field, AssetType? type)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in type?.Attributes ?? [])
        {
            if (definition.Default is { } defaultValue)
            {
                values[definition.Name] = defaultValue;
            }
        }

        foreach (var (name, key, value, attributeField) in NamedEntries(node, field, "an attribute", "a mapping of attribute names to values"))
        {
            if (type is not null && !type.Attributes.Any(a => string.Equals(a.Name, name, StringComparison.Ordinal)))
            {
                var known = type.Attributes.Count == 0
                    ? $"type '{type.Name}' has no attributes"
                    : $"attributes of type '{type.Name}': {string.Join(", ", type.Attributes.Select(a => a.Name))}";
                Report(key, attributeField, $"unknown attribute '{Shorten(name)}' ({known})");
                continue;
            }

            if (IsNull(value))
            {
                Report(value, attributeField, $"attribute '{Shorten(name)}' has no value");
            }
            else if (Text(value, attributeField) is { } text)
            {
                values[name] = text;
            }
        }

        return values;
    }

    private string KnownTypes()
    {
        if (_types.Count == 0)
        {
            return "no types are defined";
        }

        var names = string.Join(", ", _types.Keys.Take(MaxListedTypes));
        return _types.Count > MaxListedTypes ? $"known: {names}, ..." : $"known: {names}";
    }

    /// <summary>An IANA id this machine knows. Checked for its characters first so no odd text reaches the time zone lookup.</summary>
    private static bool IsTimeZone(string id) =>
        id.Length is > 0 and <= 64
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')
        && !id.StartsWith('/')
        && !id.Contains("..", StringComparison.Ordinal)
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static string[] FieldsOf(AssetKind kind) => kind switch
    {
        AssetKind.Site => SiteFields,
        AssetKind.Area => AreaFields,
        AssetKind.Line => LineFields,
        AssetKind.Cell => CellFields,
        _ => EquipmentFields,
    };

    private static string Singular(AssetKind kind) => kind switch
    {
        AssetKind.Site => "a site",
        AssetKind.Area => "an area",
        AssetKind.Line => "a line",
        AssetKind.Cell => "a cell",
        _ => "an equipment",
    };

    private static string Plural(AssetKind kind) => kind switch
    {
        AssetKind.Site => "sites",
        AssetKind.Area => "areas",
        AssetKind.Line => "lines",
        AssetKind.Cell => "cells",
        _ => "equipment",
    };
}
