using System.Globalization;
using Nightshift.Core.Assets;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Core.Plant;

/// <summary>How a tag's history is kept: its retention <c>class</c> and its <c>compression</c>.</summary>
internal sealed partial class PlantFileReader
{
    private static readonly string[] CompressionFields = ["kind", "maxError", "maxInterval"];

    /// <summary>A retention class name (letters, digits, '-', '_'), or null.</summary>
    private string? ReadTagClass(YamlNode? node, string field)
    {
        var text = Text(node, field);
        if (text is not null && !IsName(text))
        {
            Report(node!, field, $"invalid tag class '{Shorten(text)}': use 1 to 64 letters, digits, '-' or '_'");
            return null;
        }

        return text;
    }

    /// <summary><c>{ kind: none|deadband|swingingdoor, maxError: 0.5, maxInterval: 10m }</c>; maxError is required unless kind is none.</summary>
    private TagCompression? ReadCompression(YamlNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        var fields = Fields(node, field, CompressionFields, "a compression (a mapping with 'kind' and 'maxError')", allowEmpty: false);
        if (fields is null)
        {
            return null;
        }

        var kindNode = Required(fields, "kind", node, field);
        CompressionKind? kind = Text(kindNode, Join(field, "kind")) switch
        {
            null => null,
            "none" => CompressionKind.None,
            "deadband" => CompressionKind.Deadband,
            "swingingdoor" => CompressionKind.SwingingDoor,
            var other => ReportKind(kindNode!, Join(field, "kind"), other),
        };
        var errorNode = Optional(fields, "maxError");
        var maxError = Number(errorNode, Join(field, "maxError"));
        var maxInterval = Duration(Optional(fields, "maxInterval"), Join(field, "maxInterval"), allowZero: false);
        if (maxError < 0)
        {
            Report(errorNode!, Join(field, "maxError"), "maxError must not be negative");
            return null;
        }

        if (kind is CompressionKind.Deadband or CompressionKind.SwingingDoor && errorNode is null)
        {
            Report(node, Join(field, "maxError"), $"missing required field 'maxError' for compression kind '{(kind == CompressionKind.Deadband ? "deadband" : "swingingdoor")}'");
            return null;
        }

        return kind switch
        {
            null => null,
            CompressionKind.None => TagCompression.None,
            { } known => new TagCompression(known, maxError ?? 0, maxInterval),
        };
    }

    private CompressionKind? ReportKind(YamlNode node, string field, string kind)
    {
        Report(node, field, string.Create(CultureInfo.InvariantCulture, $"unknown compression kind '{Shorten(kind)}'; expected one of: none, deadband, swingingdoor"));
        return null;
    }
}
