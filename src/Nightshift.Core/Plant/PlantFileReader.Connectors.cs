using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Core.Plant;

/// <summary>
/// The <c>connectors</c> section: a mapping of connector names to connector documents, each turned into the JSON the
/// connectors API takes (plain scalars that read as numbers, booleans or null become those; quoted ones stay text).
/// The server checks the documents themselves and reports their errors at this entry's line.
/// </summary>
internal sealed partial class PlantFileReader
{
    /// <summary>The deepest nesting a connector document may have (it needs 5: connector, groups, group, points, point).</summary>
    private const int MaxConnectorDepth = 16;

    /// <summary>The most YAML nodes one connector document may hold (aliases count each time they are used).</summary>
    private const int MaxConnectorNodes = 200_000;

    private List<PlantConnector> ReadConnectors(YamlNode? node, string field)
    {
        var connectors = new List<PlantConnector>();
        foreach (var (name, key, value, entryField) in NamedEntries(node, field, "a connector", "a mapping of connector names to connectors"))
        {
            if (value is not YamlMappingNode mapping)
            {
                Report(value, entryField, $"expected a connector mapping (kind, host, pollGroups, …), found {Describe(value)}");
                continue;
            }

            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                var nodes = 0;
                writer.WriteStartObject();
                writer.WriteString("name", name);
                var complete = true;
                foreach (var (childKey, childValue) in mapping.Children)
                {
                    if (childKey is not YamlScalarNode { Value: { } property } || property == "name")
                    {
                        Report(childKey, entryField, "a connector's fields are named by text, and its name is the key of its entry");
                        complete = false;
                        continue;
                    }

                    writer.WritePropertyName(property);
                    complete &= WriteJson(writer, childValue, Join(entryField, property), 1, ref nodes);
                }

                writer.WriteEndObject();
                if (!complete)
                {
                    continue;
                }
            }

            connectors.Add(new PlantConnector(name, Encoding.UTF8.GetString(buffer.WrittenSpan), _file, Line(key.Start), Column(key.Start)));
        }

        return connectors;
    }

    private bool WriteJson(Utf8JsonWriter writer, YamlNode node, string field, int depth, ref int nodes)
    {
        if (++nodes > MaxConnectorNodes || depth > MaxConnectorDepth)
        {
            Report(node, field, $"the connector is too large or too deeply nested (at most {MaxConnectorDepth} levels, {MaxConnectorNodes} values)");
            writer.WriteNullValue();
            return false;
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                return true;
            case YamlSequenceNode sequence:
            {
                writer.WriteStartArray();
                var complete = true;
                var index = 0;
                foreach (var item in sequence.Children)
                {
                    complete &= WriteJson(writer, item, Index(field, index++), depth + 1, ref nodes);
                }

                writer.WriteEndArray();
                return complete;
            }

            case YamlMappingNode mapping:
            {
                writer.WriteStartObject();
                var complete = true;
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } property })
                    {
                        Report(key, field, $"a field name must be text, found {Describe(key)}");
                        complete = false;
                        continue;
                    }

                    writer.WritePropertyName(property);
                    complete &= WriteJson(writer, value, Join(field, property), depth + 1, ref nodes);
                }

                writer.WriteEndObject();
                return complete;
            }

            default:
                Report(node, field, $"unexpected {Describe(node)}");
                writer.WriteNullValue();
                return false;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            writer.WriteStringValue(text);
        }
        else if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            writer.WriteNullValue();
        }
        else if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            writer.WriteBooleanValue(text[0] is 't' or 'T');
        }
        else if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            writer.WriteNumberValue(whole);
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    private static int Line(Mark mark) => Math.Max(1, (int)Math.Min(mark.Line, int.MaxValue));

    private static int Column(Mark mark) => Math.Max(1, (int)Math.Min(mark.Column, int.MaxValue));
}
