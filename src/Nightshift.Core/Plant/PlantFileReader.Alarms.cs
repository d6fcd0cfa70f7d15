using System.Globalization;
using Nightshift.Core.Alarms;
using Nightshift.Core.Assets;
using YamlDotNet.RepresentationModel;

namespace Nightshift.Core.Plant;

/// <summary>
/// The <c>alarms:</c> of a type: a mapping of alarm ids to definitions on the type's tags. Durations are written
/// as a number and a unit: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>.
/// </summary>
internal sealed partial class PlantFileReader
{
    /// <summary>The longest duration a plant file may give (a week), so that no sum of times can overflow.</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    private static readonly string[] AlarmFields =
        ["tag", "kind", "limit", "deadband", "onDelay", "offDelay", "priority", "class", "latching", "message", "position", "setpointTag", "values", "staleAfter", "rateWindow"];

    private static readonly string[] KindNames = ["high", "highHigh", "low", "lowLow", "rateOfChange", "deviation", "digital", "stale", "commLoss"];

    private static readonly string[] PriorityNames = ["urgent", "high", "medium", "low"];

    private List<AlarmDefinition> ReadAlarms(YamlNode? node, string field, List<TagDefinition> tags)
    {
        var alarms = new List<AlarmDefinition>();
        foreach (var (id, key, value, alarmField) in NamedEntries(node, field, "an alarm", "a mapping of alarm ids to alarms"))
        {
            if (!IsAlarmId(id))
            {
                Report(key, alarmField, $"invalid alarm id '{Shorten(id)}': use 1 to 64 letters, digits, '-', '_' or '.'");
            }

            if (ReadAlarm(value, id, alarmField, tags) is { } alarm)
            {
                alarms.Add(alarm);
            }
        }

        return alarms;
    }

    private AlarmDefinition? ReadAlarm(YamlNode node, string id, string field, List<TagDefinition> tags)
    {
        var fields = Fields(node, field, AlarmFields, "an alarm (a mapping with at least 'tag' and 'kind')", allowEmpty: false);
        if (fields is null)
        {
            return null;
        }

        var errorsBefore = _errors.Count + _dropped;
        var tagNode = Required(fields, "tag", node, field);
        var tagName = Text(tagNode, Join(field, "tag"));
        var tag = tagName is null ? null : tags.FirstOrDefault(t => string.Equals(t.Name, tagName, StringComparison.Ordinal));
        if (tagName is not null && tag is null)
        {
            Report(tagNode!, Join(field, "tag"), $"unknown tag '{Shorten(tagName)}'; the alarm must watch a tag of its type");
        }

        var kindNode = Required(fields, "kind", node, field);
        var kind = Choice(kindNode, Join(field, "kind"), "alarm kind", KindNames) is { } kindIndex ? (AlarmKind)kindIndex : (AlarmKind?)null;
        var priority = Choice(Optional(fields, "priority"), Join(field, "priority"), "priority", PriorityNames) is { } priorityIndex
            ? (AlarmPriority)(priorityIndex + 1)
            : AlarmPriority.Medium;

        if (kind is { } known)
        {
            CheckApplies(fields, field, known, tag);
        }

        var limitNode = Optional(fields, "limit");
        var deadbandNode = Optional(fields, "deadband");
        var limit = Number(limitNode, Join(field, "limit"));
        var deadband = Number(deadbandNode, Join(field, "deadband"));
        if (deadband < 0)
        {
            Report(deadbandNode!, Join(field, "deadband"), "deadband must not be negative");
        }

        var onDelay = Duration(Optional(fields, "onDelay"), Join(field, "onDelay"), allowZero: true);
        var offDelay = Duration(Optional(fields, "offDelay"), Join(field, "offDelay"), allowZero: true);
        var staleAfter = Duration(Optional(fields, "staleAfter"), Join(field, "staleAfter"), allowZero: false);
        var rateWindow = Duration(Optional(fields, "rateWindow"), Join(field, "rateWindow"), allowZero: false);
        var className = Text(Optional(fields, "class"), Join(field, "class"));
        var latching = Bool(Optional(fields, "latching"), Join(field, "latching"));
        var message = Text(Optional(fields, "message"), Join(field, "message"));
        var position = Text(Optional(fields, "position"), Join(field, "position"));
        var setpointNode = Optional(fields, "setpointTag");
        var setpointTag = Text(setpointNode, Join(field, "setpointTag"));
        if (setpointTag is not null && !tags.Any(t => string.Equals(t.Name, setpointTag, StringComparison.Ordinal)))
        {
            Report(setpointNode!, Join(field, "setpointTag"), $"unknown tag '{Shorten(setpointTag)}'; the setpoint must be a tag of the type");
        }

        var values = Values(Optional(fields, "values"), Join(field, "values"));
        if (kind is null || tagName is null || _errors.Count + _dropped > errorsBefore)
        {
            return null;
        }

        var definition = new AlarmDefinition(id, tagName, kind.Value)
        {
            Limit = limit ?? 0,
            Deadband = deadband ?? 0,
            OnDelay = onDelay ?? TimeSpan.Zero,
            OffDelay = offDelay ?? TimeSpan.Zero,
            Priority = priority,
            Class = className ?? "process",
            Latching = latching ?? false,
            Message = message ?? string.Empty,
            Position = position ?? AlarmDefinition.DefaultPosition,
            SetpointTag = setpointTag,
            AlarmValues = values ?? [],
            StaleAfter = staleAfter ?? TimeSpan.FromMinutes(5),
            RateWindow = rateWindow ?? TimeSpan.FromMinutes(1),
        };
        if (definition.Validate() is { } invalid)
        {
            Report(node, field, invalid);
            return null;
        }

        return definition;
    }

    /// <summary>Reports the fields a kind needs but lacks and those it does not use; numeric kinds need a numeric tag.</summary>
    private void CheckApplies(Dictionary<string, YamlNode> fields, string field, AlarmKind kind, TagDefinition? tag)
    {
        var numeric = kind is AlarmKind.High or AlarmKind.HighHigh or AlarmKind.Low or AlarmKind.LowLow or AlarmKind.RateOfChange or AlarmKind.Deviation;
        var kindName = KindNames[(int)kind];
        (string Field, bool Used)[] specific =
        [
            ("limit", numeric),
            ("deadband", numeric),
            ("setpointTag", kind == AlarmKind.Deviation),
            ("values", kind == AlarmKind.Digital),
            ("staleAfter", kind == AlarmKind.Stale),
            ("rateWindow", kind == AlarmKind.RateOfChange),
        ];
        foreach (var (name, used) in specific)
        {
            if (!used && Optional(fields, name) is { } unused)
            {
                Report(unused, Join(field, name), $"{name} does not apply to a {kindName} alarm");
            }
        }

        var owner = fields["kind"];
        foreach (var (name, needed) in new[] { ("limit", numeric), ("setpointTag", kind == AlarmKind.Deviation), ("values", kind == AlarmKind.Digital) })
        {
            if (needed && Optional(fields, name) is null)
            {
                Report(owner, Join(field, name), $"a {kindName} alarm needs '{name}'");
            }
        }

        if (numeric && tag is { DataType: TagDataType.Bool or TagDataType.String })
        {
            Report(owner, Join(field, "kind"), $"a {kindName} alarm needs a double or long tag, and '{Shorten(tag.Name)}' is a {DataTypeName(tag.DataType)} tag");
        }
    }

    /// <summary>The index of a name in <paramref name="names"/>, or null (and an error naming the choices).</summary>
    private int? Choice(YamlNode? node, string field, string what, string[] names)
    {
        if (Text(node, field) is not { } text)
        {
            return null;
        }

        var index = Array.IndexOf(names, text);
        if (index < 0)
        {
            Report(node!, field, $"unknown {what} '{Shorten(text)}'; expected one of: {string.Join(", ", names)}");
            return null;
        }

        return index;
    }

    /// <summary>A duration written as a number and a unit (<c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>), e.g. <c>30s</c> or <c>1.5m</c>.</summary>
    private TimeSpan? Duration(YamlNode? node, string field, bool allowZero)
    {
        if (Text(node, field) is not { } text)
        {
            return null;
        }

        if (TryParseDuration(text, out var duration) && duration <= MaxDuration && (allowZero || duration > TimeSpan.Zero))
        {
            return duration;
        }

        var least = allowZero ? "0s" : "above 0s";
        Report(node!, field, $"expected a duration from {least} to 7 days as a number and a unit (ms, s, m, h), e.g. 30s or 5m, found {Describe(node!)}");
        return null;
    }

    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var (unitLength, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (2, 0.001)
            : text.EndsWith('s') ? (1, 1.0)
            : text.EndsWith('m') ? (1, 60.0)
            : text.EndsWith('h') ? (1, 3600.0)
            : (0, 0.0);
        var number = text.AsSpan(0, text.Length - unitLength);
        if (unitLength == 0 || number.Length == 0 || !char.IsAsciiDigit(number[0])
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var seconds = value * scale;
        if (!double.IsFinite(seconds) || seconds > MaxDuration.TotalSeconds * 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>A list of scalars as text (the values of a digital alarm).</summary>
    private List<string>? Values(YamlNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            Report(node, field, $"expected a list of one or more values, found {Describe(node)}");
            return null;
        }

        var values = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (Text(list.Children[i], Index(field, i)) is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>An alarm id: 1 to 64 ASCII letters, digits, '-', '_' or '.' (so that alarm ids are safe in URLs).</summary>
    private static bool IsAlarmId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
