using System.Globalization;
using Nightshift.Core.Assets;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Core.Plant;

/// <summary>The <c>types:</c> section: asset types with their attributes and tags (their alarms: <c>PlantFileReader.Alarms.cs</c>).</summary>
internal sealed partial class PlantFileReader
{
    private static readonly string[] TypeFields = ["description", "stateModel", "attributes", "tags", "alarms"];
    private static readonly string[] AttributeFields = ["unit", "default"];
    private static readonly string[] TagFields = ["type", "unit", "min", "max", "key", "deadband", "writable", "description", "class", "compression"];

    /// <summary>The types by name, in file order. A type with errors is still listed, so that equipment naming it gets no second error.</summary>
    private Dictionary<string, AssetType> ReadTypes(YamlNode? node, string field)
    {
        var types = new Dictionary<string, AssetType>(StringComparer.Ordinal);
        foreach (var (name, key, value, typeField) in NamedEntries(node, field, "a type", "a mapping of type names to types"))
        {
            if (!IsName(name))
            {
                Report(key, typeField, $"invalid type name '{Shorten(name)}': use 1 to 64 letters, digits, '-' or '_'");
            }

            types[name] = ReadType(value, name, typeField);
        }

        return types;
    }

    private AssetType ReadType(YamlNode node, string name, string field)
    {
        var fields = Fields(node, field, TypeFields, "a type (a mapping)", allowEmpty: true);
        var description = Text(Optional(fields, "description"), Join(field, "description"));
        var stateModel = ReadStateModel(Optional(fields, "stateModel"), Join(field, "stateModel"));
        var attributes = ReadAttributeDefinitions(Optional(fields, "attributes"), Join(field, "attributes"));
        var tags = ReadTags(Optional(fields, "tags"), Join(field, "tags"));
        var alarms = ReadAlarms(Optional(fields, "alarms"), Join(field, "alarms"), tags);
        return new AssetType(name, tags, attributes, stateModel, description) { Alarms = alarms };
    }

    private StateModel ReadStateModel(YamlNode? node, string field)
    {
        switch (Text(node, field))
        {
            case null or "machine":
                return StateModel.Machine;
            case "utility":
                return StateModel.Utility;
            case var other:
                Report(node!, field, $"unknown state model '{Shorten(other)}'; expected one of: machine, utility");
                return StateModel.Machine;
        }
    }

    private List<AttributeDefinition> ReadAttributeDefinitions(YamlNode? node, string field)
    {
        var attributes = new List<AttributeDefinition>();
        foreach (var (name, key, value, attributeField) in NamedEntries(node, field, "an attribute", "a mapping of attribute names to attributes"))
        {
            if (!IsName(name))
            {
                Report(key, attributeField, $"invalid attribute name '{Shorten(name)}': use 1 to 64 letters, digits, '-' or '_'");
            }

            var fields = Fields(value, attributeField, AttributeFields, "an attribute (a mapping)", allowEmpty: true);
            var unit = Text(Optional(fields, "unit"), Join(attributeField, "unit"));
            var defaultValue = Text(Optional(fields, "default"), Join(attributeField, "default"));
            attributes.Add(new AttributeDefinition(name, unit, defaultValue));
        }

        return attributes;
    }

    private List<TagDefinition> ReadTags(YamlNode? node, string field)
    {
        var tags = new List<TagDefinition>();
        foreach (var (name, key, value, tagField) in NamedEntries(node, field, "a tag", "a mapping of tag names to tags"))
        {
            if (!TagPath.IsValidTagName(name, out var error))
            {
                Report(key, tagField, $"invalid tag name: {error}");
            }

            if (ReadTag(value, name, tagField) is { } tag)
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    private TagDefinition? ReadTag(YamlNode node, string name, string field)
    {
        var fields = Fields(node, field, TagFields, "a tag (a mapping with at least 'type')", allowEmpty: true);
        if (fields is null)
        {
            return null;
        }

        var typeNode = Required(fields, "type", node, field);
        var dataType = ReadDataType(typeNode, Join(field, "type"));
        var unit = Text(Optional(fields, "unit"), Join(field, "unit"));
        var description = Text(Optional(fields, "description"), Join(field, "description"));
        var key = Bool(Optional(fields, "key"), Join(field, "key"));
        var writable = Bool(Optional(fields, "writable"), Join(field, "writable"));
        var minNode = Optional(fields, "min");
        var maxNode = Optional(fields, "max");
        var deadbandNode = Optional(fields, "deadband");
        var min = Number(minNode, Join(field, "min"));
        var max = Number(maxNode, Join(field, "max"));
        var deadband = Number(deadbandNode, Join(field, "deadband"));
        var tagClass = ReadTagClass(Optional(fields, "class"), Join(field, "class"));
        var compressionNode = Optional(fields, "compression");
        var compression = ReadCompression(compressionNode, Join(field, "compression"));

        if (min is { } low && max is { } high && low > high)
        {
            Report(maxNode!, Join(field, "max"), $"max ({high.ToString(CultureInfo.InvariantCulture)}) is below min ({low.ToString(CultureInfo.InvariantCulture)})");
        }

        if (deadband < 0)
        {
            Report(deadbandNode!, Join(field, "deadband"), "deadband must not be negative");
        }

        if (dataType is TagDataType.Bool or TagDataType.String)
        {
            var typeName = DataTypeName(dataType.Value);
            foreach (var (numeric, numericNode) in new[] { ("min", minNode), ("max", maxNode), ("deadband", deadbandNode), ("compression", compressionNode) })
            {
                if (numericNode is not null)
                {
                    Report(numericNode, Join(field, numeric), $"{numeric} applies only to double and long tags, not to a {typeName} tag");
                }
            }
        }

        return dataType is { } type
            ? new TagDefinition(name, type, unit, min, max, description) { Key = key ?? false, Deadband = deadband ?? 0, Writable = writable ?? false, TagClass = tagClass, Compression = compression }
            : null;
    }

    private TagDataType? ReadDataType(YamlNode? node, string field)
    {
        switch (Text(node, field))
        {
            case null:
                return null;
            case "double":
                return TagDataType.Double;
            case "long":
                return TagDataType.Long;
            case "bool":
                return TagDataType.Bool;
            case "string":
                return TagDataType.String;
            case var other:
                Report(node!, field, $"unknown tag type '{Shorten(other)}'; expected one of: double, long, bool, string");
                return null;
        }
    }

    private static string DataTypeName(TagDataType type) => type switch
    {
        TagDataType.Double => "double",
        TagDataType.Long => "long",
        TagDataType.Bool => "bool",
        _ => "string",
    };
}
