using System.Diagnostics.CodeAnalysis;
using Nightshift.Core.Assets;

namespace Nightshift.Server.Alarms;

/// <summary>
/// The ids of alarm instances in the API: the equipment path with its '/' written as '.', a '~', and the id of the
/// definition, e.g. <c>stuttgart.press-shop.press-line.presses.press-1~vibration.hi</c>. Only unreserved URL characters
/// (letters, digits, '-', '_', '.', '~'), so an id needs no escaping. Asset path segments hold no '.' or '~', and
/// definition ids no '~', so the id reads back unambiguously. Thread-safe.
/// </summary>
public static class AlarmIds
{
    public const char Separator = '~';

    public static string Format(AssetPath equipment, string definitionId)
    {
        ArgumentNullException.ThrowIfNull(equipment);
        return equipment.Value.Replace('/', '.') + Separator + definitionId;
    }

    /// <summary>Reads an id back into the equipment and the definition id; false for anything malformed.</summary>
    public static bool TryParse(string? id, [NotNullWhen(true)] out AssetPath? equipment, [NotNullWhen(true)] out string? definitionId)
    {
        equipment = null;
        definitionId = null;
        var separator = id?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        if (separator <= 0 || separator == id!.Length - 1 || id.IndexOf(Separator, separator + 1) >= 0
            || !AssetPath.TryParse(id[..separator].Replace('.', '/'), out var path, out _))
        {
            return false;
        }

        equipment = path;
        definitionId = id[(separator + 1)..];
        return true;
    }
}
