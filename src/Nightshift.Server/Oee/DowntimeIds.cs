using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Nightshift.Core.Assets;

namespace Nightshift.Server.Oee;

/// <summary>
/// The id of a downtime interval: its equipment path with <c>/</c> written as <c>.</c>, a <c>~</c>, and the interval's
/// start in UTC ticks, e.g. <c>stuttgart.press-shop.press-line.presses.press-1~639001234567890000</c>. Only unreserved URL
/// characters. Stateless.
/// </summary>
public static class DowntimeIds
{
    public static string Format(AssetPath equipment, DateTime start)
    {
        ArgumentNullException.ThrowIfNull(equipment);
        return equipment.Value.Replace('/', '.') + "~" + start.Ticks.ToString(CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string? id, [NotNullWhen(true)] out AssetPath? equipment, out DateTime start)
    {
        equipment = null;
        start = default;
        var tilde = id?.LastIndexOf('~') ?? -1;
        if (id is null || tilde <= 0
            || !long.TryParse(id.AsSpan(tilde + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks
            || !AssetPath.TryParse(id[..tilde].Replace('.', '/'), out var path, out _)
            || path.Depth == 0)
        {
            return false;
        }

        equipment = path;
        start = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
