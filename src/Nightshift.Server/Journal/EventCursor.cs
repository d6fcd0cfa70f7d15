using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Nightshift.Server.Journal;

/// <summary>
/// Where a page of the event journal ended: the time (UTC ticks), the source (journal or alarm events) and the row id
/// of its last event. The next page holds the events strictly older in the order (time, source, id), newest first.
/// Written as <c>{ticks}-{source}{id}</c>, e.g. <c>639001234567890000-j42</c>. Immutable.
/// </summary>
public readonly record struct EventCursor(long Ticks, char Source, long Id)
{
    /// <summary>The source of events journaled by <see cref="EventJournal"/>.</summary>
    public const char Journal = 'j';

    /// <summary>The source of alarm transitions (the AlarmEvents table).</summary>
    public const char Alarm = 'a';

    public override string ToString() =>
        Ticks.ToString(CultureInfo.InvariantCulture) + "-" + Source + Id.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, [NotNullWhen(true)] out EventCursor? cursor)
    {
        cursor = null;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (text is null || dash <= 0 || dash + 2 >= text.Length || text[dash + 1] is not (Journal or Alarm))
        {
            return false;
        }

        if (!long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks
            || !long.TryParse(text.AsSpan(dash + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        cursor = new EventCursor(ticks, text[dash + 1], id);
        return true;
    }
}
