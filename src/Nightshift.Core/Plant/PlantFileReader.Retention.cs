using System.Globalization;
using Nightshift.Core.Assets;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Core.Plant;

/// <summary>
/// The <c>retention</c> section: a mapping of tag class names to <c>{ rawDays, rollupDays }</c> (whole days, 1 to
/// 36,500; absent keeps forever; rollups at least as long as raw samples).
/// </summary>
internal sealed partial class PlantFileReader
{
    private const int MaxRetentionDays = 36_500;

    private static readonly string[] RetentionFields = ["rawDays", "rollupDays"];

    private Dictionary<string, HistoryRetention> ReadRetention(YamlNode? node, string field)
    {
        var classes = new Dictionary<string, HistoryRetention>(StringComparer.Ordinal);
        foreach (var (name, key, value, entryField) in NamedEntries(node, field, "a tag class", "a mapping of tag classes to { rawDays, rollupDays }"))
        {
            if (!IsName(name))
            {
                Report(key, entryField, $"invalid tag class '{Shorten(name)}': use 1 to 64 letters, digits, '-' or '_'");
                continue;
            }

            var fields = Fields(value, entryField, RetentionFields, "a retention mapping { rawDays, rollupDays }", allowEmpty: true);
            if (fields is null)
            {
                continue;
            }

            var raw = RetentionDays(Optional(fields, "rawDays"), Join(entryField, "rawDays"));
            var rollups = RetentionDays(Optional(fields, "rollupDays"), Join(entryField, "rollupDays"));
            if (raw is { } r && (rollups ?? int.MaxValue) < r)
            {
                Report(Optional(fields, "rollupDays")!, Join(entryField, "rollupDays"), $"rollups are kept at least as long as raw samples ({r.ToString(CultureInfo.InvariantCulture)} days)");
                continue;
            }

            classes[name] = new HistoryRetention(raw, rollups);
        }

        return classes;
    }

    private int? RetentionDays(YamlNode? node, string field)
    {
        if (Number(node, field) is not { } number)
        {
            return null;
        }

        if (number != Math.Floor(number) || number is < 1 or > MaxRetentionDays)
        {
            Report(node!, field, $"expected whole days from 1 to {MaxRetentionDays.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return (int)number;
    }
}
