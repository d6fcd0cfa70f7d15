using System.Collections.Concurrent;

namespace Nightshift.Server.Components.Display;

/// <summary>Resolves the IANA time zone ids of sites for display, caching the result. Thread-safe.</summary>
public static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Cache = new(StringComparer.Ordinal);

    /// <summary>The time zone named <paramref name="id"/>; UTC for null, empty or unknown ids (never throws).</summary>
    public static TimeZoneInfo Resolve(string? id) =>
        string.IsNullOrWhiteSpace(id)
            ? TimeZoneInfo.Utc
            : Cache.GetOrAdd(id, static key => TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : TimeZoneInfo.Utc);

    /// <summary>A short label of the zone for headers, e.g. "Europe/Berlin (UTC+01:00)" or "UTC".</summary>
    public static string Label(TimeZoneInfo zone, DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone == TimeZoneInfo.Utc)
        {
            return "UTC";
        }

        var offset = zone.GetUtcOffset(utc);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{zone.Id} (UTC{sign}{offset.Duration():hh\\:mm})";
    }
}
