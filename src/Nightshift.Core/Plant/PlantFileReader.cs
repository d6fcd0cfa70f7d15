using System.Globalization;
using Nightshift.Core.Assets;
using Nightshift.Core.Oee;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Core.Plant;

/// <summary>
/// Reads one plant file into a <see cref="PlantModel"/>, collecting every error with its line, column and field
/// instead of stopping at the first. The walk follows the schema, never the shape of the input, so anchors and
/// aliases (even cyclic ones) cannot make it loop; <see cref="MaxAssets"/> bounds the work an alias-multiplied
/// hierarchy can cause. One instance reads one file; not thread-safe.
/// </summary>
internal sealed partial class PlantFileReader
{
    /// <summary>Errors kept before the rest are summarised in one last error.</summary>
    public const int MaxErrors = 500;

    /// <summary>Sites, areas, lines, cells and equipment read before the reader gives up.</summary>
    public const int MaxAssets = 100_000;

    private static readonly string[] RootFields = ["tenant", "types", "products", "sites", "connectors", "retention"];

    private readonly string _file;
    private readonly List<PlantFileError> _errors = [];
    private int _dropped;

    public PlantFileReader(string file)
    {
        _file = file;
    }

    /// <summary>Every error found, ordered by line and column.</summary>
    public IReadOnlyList<PlantFileError> Errors
    {
        get
        {
            var sorted = _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
            if (_dropped > 0)
            {
                sorted.Add(new PlantFileError(_file, 0, 0, string.Empty, $"{_dropped.ToString(CultureInfo.InvariantCulture)} more errors not shown"));
            }

            return sorted;
        }
    }

    /// <summary>The model, or null when errors were found (see <see cref="Errors"/>).</summary>
    public PlantModel? Read(string yamlText, string defaultTenant)
    {
        var root = Parse(yamlText);
        if (root is null)
        {
            return null;
        }

        var fields = Fields(root, string.Empty, RootFields, "a plant file mapping", allowEmpty: false);
        if (fields is null)
        {
            return null;
        }

        var tenant = defaultTenant;
        var tenantNode = Optional(fields, "tenant");
        if (Text(tenantNode, "tenant") is { } fileTenant)
        {
            if (AssetPath.IsValidSegment(fileTenant, out var error))
            {
                tenant = fileTenant;
            }
            else
            {
                Report(tenantNode!, "tenant", $"invalid tenant '{Shorten(fileTenant)}': {error}");
            }
        }

        var types = ReadTypes(Required(fields, "types", root, string.Empty), "types");
        var products = ReadProducts(Optional(fields, "products"), "products");
        var sites = ReadSites(Required(fields, "sites", root, string.Empty), types);
        var connectors = ReadConnectors(Optional(fields, "connectors"), "connectors");
        var retention = ReadRetention(Optional(fields, "retention"), "retention");
        return _errors.Count == 0 && _dropped == 0
            ? new PlantModel(tenant, [.. types.Values], sites) { Production = new ProductionSettings(products, _siteShifts), Connectors = connectors, Retention = retention }
            : null;
    }

    private YamlNode? Parse(string yamlText)
    {
        var stream = new YamlStream();
        var parser = new DepthLimitedParser(new Parser(new StringReader(yamlText)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            Report(e.Start, string.Empty, e.Message);
            return null;
        }
        catch (Exception e) when (DepthLimitedParser.IsParserFault(e))
        {
            Report(parser.Position, string.Empty, $"malformed YAML here (the parser failed: {e.Message})");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            Report(Mark.Empty, string.Empty, "the file is empty; expected a mapping with the fields tenant, types and sites");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Report(stream.Documents[1].RootNode, string.Empty, "a plant file holds one YAML document; a second one starts here");
        }

        return stream.Documents[0].RootNode;
    }

    private void Report(YamlNode node, string field, string message, bool always = false) => Report(node.Start, field, message, always);

    /// <summary>Records an error; past <see cref="MaxErrors"/> only counts it, unless <paramref name="always"/> (for the one that says why reading stopped).</summary>
    private void Report(Mark mark, string field, string message, bool always = false)
    {
        if (_errors.Count >= MaxErrors && !always)
        {
            _dropped++;
            return;
        }

        _errors.Add(new PlantFileError(_file, Math.Max(1, (int)Math.Min(mark.Line, int.MaxValue)), Math.Max(1, (int)Math.Min(mark.Column, int.MaxValue)), field, message));
    }

    /// <summary>
    /// The fields of a mapping by name, after reporting unknown ones. Null (and an error) when the node is not a mapping;
    /// empty when it is an empty value and <paramref name="allowEmpty"/> is set.
    /// </summary>
    private Dictionary<string, YamlNode>? Fields(YamlNode node, string field, string[] known, string what, bool allowEmpty)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (allowEmpty && IsNull(node))
        {
            return fields;
        }

        if (node is not YamlMappingNode mapping)
        {
            Report(node, field, $"expected {what}, found {Describe(node)}");
            return null;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                Report(key, field, $"a field name must be text, found {Describe(key)}");
            }
            else if (Array.IndexOf(known, name) < 0)
            {
                Report(key, Join(field, name), $"unknown field '{Shorten(name)}'; expected one of: {string.Join(", ", known)}");
            }
            else if (!fields.TryAdd(name, value))
            {
                Report(key, Join(field, name), $"field '{name}' is given twice");
            }
        }

        return fields;
    }

    /// <summary>
    /// The entries of a mapping of names to values (types, tags, attributes), each with its field path. Reports a node
    /// that is not a mapping, a name that is not text and a name given twice, and skips those entries.
    /// </summary>
    /// <param name="node">The mapping, or null when the field is absent (no entries, no error).</param>
    /// <param name="field">The field path of the mapping, for errors.</param>
    /// <param name="entry">What a name names, with its article: "a tag", "an attribute".</param>
    /// <param name="expected">What the mapping should be, for the error: "a mapping of tag names to tags".</param>
    private IEnumerable<(string Name, YamlNode Key, YamlNode Value, string Field)> NamedEntries(YamlNode? node, string field, string entry, string expected)
    {
        if (node is null)
        {
            yield break;
        }

        if (node is not YamlMappingNode mapping)
        {
            Report(node, field, $"expected {expected}, found {Describe(node)}");
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                Report(key, field, $"{entry} name must be text, found {Describe(key)}");
                continue;
            }

            var entryField = Join(field, name);
            if (IsFirst(seen, key, entryField, name))
            {
                yield return (name, key, value, entryField);
            }
        }
    }

    /// <summary>
    /// False, with an error, when <paramref name="name"/> was seen before in the same mapping. YamlDotNet refuses plain
    /// duplicate keys itself, but not one that differs only by a tag (<c>a:</c> and <c>!!str a:</c>).
    /// </summary>
    private bool IsFirst(HashSet<string> seen, YamlNode key, string field, string name)
    {
        if (seen.Add(name))
        {
            return true;
        }

        Report(key, field, $"'{Shorten(name)}' is given twice");
        return false;
    }

    /// <summary>A field's value, or null when it is absent or empty.</summary>
    private static YamlNode? Optional(Dictionary<string, YamlNode>? fields, string name) =>
        fields is not null && fields.TryGetValue(name, out var value) && !IsNull(value) ? value : null;

    /// <summary>A field's value; reports it missing (at <paramref name="owner"/>) or empty and returns null.</summary>
    private YamlNode? Required(Dictionary<string, YamlNode>? fields, string name, YamlNode owner, string field)
    {
        if (fields is null)
        {
            return null;
        }

        if (!fields.TryGetValue(name, out var value))
        {
            Report(owner, Join(field, name), $"missing required field '{name}'");
            return null;
        }

        if (IsNull(value))
        {
            Report(value, Join(field, name), $"required field '{name}' has no value");
            return null;
        }

        return value;
    }

    /// <summary>A scalar's text (numbers and booleans included, as written); null for null, an error for a collection.</summary>
    private string? Text(YamlNode? node, string field)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return scalar.Value ?? string.Empty;
            default:
                Report(node, field, $"expected text, found {Describe(node)}");
                return null;
        }
    }

    private double? Number(YamlNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        Report(node, field, $"expected a number, found {Describe(node)}");
        return null;
    }

    private bool? Bool(YamlNode? node, string field)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: "true" or "True" or "TRUE" }:
                return true;
            case YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: "false" or "False" or "FALSE" }:
                return false;
            default:
                Report(node, field, $"expected true or false, found {Describe(node)}");
                return null;
        }
    }

    /// <summary>A YAML null: an empty plain scalar, '~' or 'null'.</summary>
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "an empty value",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } scalar => $"the text '{Shorten(scalar.Value ?? string.Empty)}'",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value ?? string.Empty)}'",
        _ => "an unsupported value",
    };

    /// <summary>Text short enough to quote in a message, with control characters shown as '?'.</summary>
    private static string Shorten(string text)
    {
        const int Max = 60;
        var shortened = text.Length <= Max ? text : string.Concat(text.AsSpan(0, Max), "...");
        return shortened.Any(char.IsControl) ? new string([.. shortened.Select(c => char.IsControl(c) ? '?' : c)]) : shortened;
    }

    private static string Join(string field, string name) => field.Length == 0 ? name : field + "." + name;

    private static string Index(string field, int index) => field + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>A name of a type or an attribute: 1 to 64 ASCII letters, digits, '-' or '_'.</summary>
    private static bool IsName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
