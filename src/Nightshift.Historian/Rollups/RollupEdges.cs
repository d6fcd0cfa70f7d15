namespace Nightshift.Historian.Rollups;

/// <summary>
/// The bucket edges of a rollup read and the width of the rollup rows that compose its buckets, the same for both
/// history engines. Stateless and thread-safe.
/// </summary>
internal static class RollupEdges
{
    /// <summary>
    /// The argument checks and the plan of a rollup read over [<paramref name="fromUtc"/>, <paramref name="toUtc"/>):
    /// false for an empty range (nothing to read), else true with the edges and the row width of
    /// <see cref="Of"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is not a rollup interval.</exception>
    public static bool TryPlan(
        DateTime fromUtc,
        DateTime toUtc,
        RollupInterval interval,
        TimeZoneInfo zone,
        out List<DateTime> edges,
        out long rowWidth)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var (from, to) = Reading.HistoryReads.Range(fromUtc, toUtc);
        if (from >= to)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)interval, (uint)RollupInterval.Day, nameof(interval));
            edges = [];
            rowWidth = 0;
            return false;
        }

        edges = Of(from, to, interval, zone, out rowWidth);
        return true;
    }

    /// <summary>
    /// The edges of the <paramref name="interval"/> buckets that overlap [<paramref name="from"/>, <paramref name="to"/>)
    /// (local days in <paramref name="zone"/>), and in <paramref name="rowWidth"/> the ticks of the rows to compose them
    /// from: one minute for minute buckets and for local days whose edges are not whole UTC hours, else one hour.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is not a rollup interval.</exception>
    private static List<DateTime> Of(DateTime from, DateTime to, RollupInterval interval, TimeZoneInfo zone, out long rowWidth)
    {
        switch (interval)
        {
            case RollupInterval.Minute:
                rowWidth = TimeSpan.TicksPerMinute;
                return Utc(from, to, rowWidth);
            case RollupInterval.Hour:
                rowWidth = TimeSpan.TicksPerHour;
                return Utc(from, to, rowWidth);
            case RollupInterval.Day:
                var edges = LocalDays.Edges(from, to, zone);
                rowWidth = LocalDays.OnWholeHours(edges) ? TimeSpan.TicksPerHour : TimeSpan.TicksPerMinute;
                return edges;
            default:
                throw new ArgumentOutOfRangeException(nameof(interval), interval, "not a rollup interval");
        }
    }

    /// <summary>The edges of the epoch-aligned buckets of <paramref name="width"/> ticks that overlap [from, to).</summary>
    public static List<DateTime> Utc(DateTime from, DateTime to, long width)
    {
        var edges = new List<DateTime> { new(from.Ticks - (from.Ticks % width), DateTimeKind.Utc) };
        while (edges[^1] < to)
        {
            edges.Add(edges[^1].AddTicks(width));
        }

        return edges;
    }
}
