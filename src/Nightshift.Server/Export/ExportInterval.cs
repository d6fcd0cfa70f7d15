using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Nightshift.Server.Export;

/// <summary>Parses the bucket width of an aggregated export: a whole number and a unit, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (e.g. <c>15m</c>). Stateless.</summary>
public static class ExportInterval
{
    /// <summary>The shortest interval.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(1);

    public static bool TryParse(string? text, [NotNullWhen(true)] out TimeSpan? interval, [NotNullWhen(false)] out string? error)
    {
        interval = null;
        error = $"'interval' must be a whole number and a unit (ms, s, m, h, d), e.g. 15m; not '{text}'";
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return false;
        }

        TimeSpan? unit = text[digits..] switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "d" => TimeSpan.FromDays(1),
            _ => null,
        };
        if (unit is not { } width || count > TimeSpan.MaxValue.Ticks / width.Ticks / 2)
        {
            return false;
        }

        interval = width * count;
        error = null;
        return true;
    }
}
