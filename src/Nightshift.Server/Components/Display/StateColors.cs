using Nightshift.Core.Assets;
using Nightshift.Server.Components.Live;

namespace Nightshift.Server.Components.Display;

/// <summary>
/// The colours of equipment states, taken from the state model of the equipment's type. Colours come from plant
/// files, so only CSS hex colours (#rgb, #rrggbb, #rrggbbaa) are let through; anything else shows neutral. Thread-safe.
/// </summary>
public static class StateColors
{
    /// <summary>Equipment whose source is offline.</summary>
    public const string Offline = "#4a4f5a";

    /// <summary>A state the model does not define, or no state yet.</summary>
    public const string Unknown = "#6b7280";

    /// <summary>The colour of an equipment status under its state model.</summary>
    public static string Of(StateModel model, EquipmentStatus status)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!status.HasData)
        {
            return Unknown;
        }

        if (!status.Online)
        {
            return Safe(model.Find("Offline")?.Color) ?? Offline;
        }

        return Safe(model.Find(status.State)?.Color) ?? Unknown;
    }

    /// <summary>The colour of a state by name under a state model; <see cref="Unknown"/> when the model does not define it.</summary>
    public static string Of(StateModel model, string? state)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Safe(model.Find(state)?.Color) ?? (string.Equals(state, "Offline", StringComparison.OrdinalIgnoreCase) ? Offline : Unknown);
    }

    /// <summary>The colour when it is a CSS hex colour, else null.</summary>
    public static string? Safe(string? color)
    {
        if (color is not { Length: 4 or 5 or 7 or 9 } || color[0] != '#')
        {
            return null;
        }

        foreach (var c in color.AsSpan(1))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return null;
            }
        }

        return color;
    }
}
