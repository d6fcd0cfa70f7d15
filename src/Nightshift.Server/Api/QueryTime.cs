using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Nightshift.Server.Api;

/// <summary>Parses ISO-8601 times of query strings: invariant culture, an explicit offset or 'Z' required, result in UTC.</summary>
public static class QueryTime
{
    public static bool TryParse(string? text, DateTime fallback, out DateTime utc, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            utc = fallback;
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 9))
        {
            utc = value.UtcDateTime;
            return true;
        }

        utc = default;
        error = $"'{text}' is not an ISO-8601 time with a zone (e.g. 2026-11-25T08:00:00Z)";
        return false;
    }
}
