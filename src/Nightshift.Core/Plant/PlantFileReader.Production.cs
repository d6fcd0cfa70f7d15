using System.Globalization;
using Nightshift.Core.Assets;
using Nightshift.Core.Oee;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Core.Plant;

/// <summary>
/// The <c>products:</c> of a plant (ideal cycle times) and the <c>shifts:</c> of a site (local wall-clock times in the
/// site's time zone, with planned breaks).
/// </summary>
internal sealed partial class PlantFileReader
{
    private static readonly string[] ProductFields = ["name", "idealCycleTime", "idealCycleTimes"];
    private static readonly string[] ShiftFields = ["name", "days", "start", "end", "breaks"];
    private static readonly string[] BreakFields = ["start", "duration"];
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly Dictionary<string, IReadOnlyList<ShiftDefinition>> _siteShifts = new(StringComparer.Ordinal);

    private List<Product> ReadProducts(YamlNode? node, string field)
    {
        var products = new List<Product>();
        foreach (var (id, key, value, productField) in NamedEntries(node, field, "a product", "a mapping of product ids to products"))
        {
            if (!IsName(id))
            {
                Report(key, productField, $"invalid product id '{Shorten(id)}': use 1 to 64 letters, digits, '-' or '_'");
            }

            var fields = Fields(value, productField, ProductFields, "a product (a mapping)", allowEmpty: true);
            var name = Text(Optional(fields, "name"), Join(productField, "name")) ?? id;
            var ideal = Duration(Optional(fields, "idealCycleTime"), Join(productField, "idealCycleTime"), allowZero: false);
            var byAsset = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            var timesField = Join(productField, "idealCycleTimes");
            foreach (var (path, pathKey, time, timeField) in NamedEntries(Optional(fields, "idealCycleTimes"), timesField, "an asset path", "a mapping of asset paths (a line or an equipment) to ideal cycle times"))
            {
                if (!AssetPath.TryParse(path, out var asset, out var error) || asset.Depth == 0)
                {
                    Report(pathKey, timeField, $"invalid asset path '{Shorten(path)}': {error ?? "the root is not an asset"}");
                    continue;
                }

                if (Duration(time, timeField, allowZero: false) is { } duration)
                {
                    byAsset[asset.Value] = duration;
                }
            }

            products.Add(new Product(id, name, ideal) { IdealCycleTimes = byAsset });
        }

        return products;
    }

    private void ReadShifts(YamlNode? node, string field, AssetPath site)
    {
        if (node is null)
        {
            return;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Report(node, field, $"expected a list of shifts, found {Describe(node)}");
            return;
        }

        var shifts = new List<ShiftDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var shiftNode = sequence.Children[i];
            var shiftField = Index(field, i);
            var fields = Fields(shiftNode, shiftField, ShiftFields, "a shift (a mapping with name, start and end)", allowEmpty: false);
            if (fields is null)
            {
                continue;
            }

            var nameNode = Required(fields, "name", shiftNode, shiftField);
            var name = Text(nameNode, Join(shiftField, "name"));
            if (name is not null && !IsName(name))
            {
                Report(nameNode!, Join(shiftField, "name"), $"invalid shift name '{Shorten(name)}': use 1 to 64 letters, digits, '-' or '_'");
            }

            var start = Clock(Required(fields, "start", shiftNode, shiftField), Join(shiftField, "start"));
            var end = Clock(Required(fields, "end", shiftNode, shiftField), Join(shiftField, "end"));
            var days = Days(Optional(fields, "days"), Join(shiftField, "days"));
            var breaks = Breaks(Optional(fields, "breaks"), Join(shiftField, "breaks"));
            if (name is null || start is null || end is null || days is null || breaks is null)
            {
                continue;
            }

            var definitions = days.Select(d => new ShiftDefinition(name, d, start.Value, end.Value, breaks)).ToList();
            try
            {
                _ = new ShiftCalendar(TimeZoneInfo.Utc, definitions);
            }
            catch (ArgumentException e)
            {
                Report(shiftNode, Join(shiftField, "breaks"), e.Message.Split(" (Parameter", 2)[0]);
                continue;
            }

            if (!names.Add(name))
            {
                Report(nameNode!, Join(shiftField, "name"), $"shift '{name}' is given twice");
                continue;
            }

            shifts.AddRange(definitions);
        }

        _siteShifts[site.Value] = shifts;
    }

    /// <summary>A local wall-clock time written <c>HH:mm</c> (00:00 to 23:59).</summary>
    private TimeOnly? Clock(YamlNode? node, string field)
    {
        if (Text(node, field) is not { } text)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        Report(node!, field, $"expected a local time as HH:mm, e.g. 06:00, found {Describe(node!)}");
        return null;
    }

    /// <summary>The weekdays of a shift: a list of mon, tue, wed, thu, fri, sat, sun; every day when absent.</summary>
    private List<DayOfWeek>? Days(YamlNode? node, string field)
    {
        if (node is null)
        {
            return [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            Report(node, field, $"expected a list of weekdays ({string.Join(", ", DayNames)}), found {Describe(node)}");
            return null;
        }

        var days = new List<DayOfWeek>();
        var ok = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (Choice(sequence.Children[i], Index(field, i), "weekday", DayNames) is { } day)
            {
                if (!days.Contains((DayOfWeek)day))
                {
                    days.Add((DayOfWeek)day);
                }
            }
            else
            {
                ok = false;
            }
        }

        return ok ? days : null;
    }

    private List<PlannedBreak>? Breaks(YamlNode? node, string field)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Report(node, field, $"expected a list of breaks, found {Describe(node)}");
            return null;
        }

        var breaks = new List<PlannedBreak>();
        var ok = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var breakNode = sequence.Children[i];
            var breakField = Index(field, i);
            var fields = Fields(breakNode, breakField, BreakFields, "a break (a mapping with start and duration)", allowEmpty: false);
            if (fields is null)
            {
                ok = false;
                continue;
            }

            var start = Clock(Required(fields, "start", breakNode, breakField), Join(breakField, "start"));
            var duration = Duration(Required(fields, "duration", breakNode, breakField), Join(breakField, "duration"), allowZero: false);
            if (start is null || duration is null)
            {
                ok = false;
                continue;
            }

            breaks.Add(new PlannedBreak(start.Value, duration.Value));
        }

        return ok ? breaks : null;
    }
}
