namespace Nightshift.Historian.Rollups;

/// <summary>
/// The edges of local days in a time zone, as UTC instants. A day starts at local midnight; where midnight does not
/// exist (a daylight-saving jump at 00:00) it starts at the first local time that does; where midnight occurs twice it
/// starts at the first. Pure and thread-safe.
/// </summary>
internal static class LocalDays
{
    /// <summary>The start of the local day that holds <paramref name="fromUtc"/>, and every later start up to the first at or after <paramref name="toUtc"/>.</summary>
    public static List<DateTime> Edges(DateTime fromUtc, DateTime toUtc, TimeZoneInfo zone)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(fromUtc, zone));
        var edges = new List<DateTime> { StartUtc(day, zone) };
        while (edges[^1] < toUtc)
        {
            day = day.AddDays(1);
            edges.Add(StartUtc(day, zone));
        }

        return edges;
    }

    /// <summary>True when every edge is on a whole UTC hour, so that hour rollups nest in the days.</summary>
    public static bool OnWholeHours(IReadOnlyList<DateTime> edges) => edges.All(e => e.Ticks % TimeSpan.TicksPerHour == 0);

    /// <summary>The UTC instant local <paramref name="day"/> starts in <paramref name="zone"/>.</summary>
    public static DateTime StartUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var guard = 0;
        while (zone.IsInvalidTime(local) && guard++ < 24 * 60)
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
