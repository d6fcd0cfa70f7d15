using System.Data.Common;
using DuckDB.NET.Data;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Reading;
using Nightshift.Historian.Rollups;

namespace Nightshift.Historian;

/// <summary>Reads served by the rollup tables: rollup buckets, and the fast paths of bucketed and decimated reads.</summary>
public sealed partial class DuckDbHistorian
{
    /// <inheritdoc />
    /// <remarks>
    /// Minute buckets come from the 1-minute rollups, hour buckets from the 1-hour ones, local days from the 1-hour
    /// rollups when every day edge in the range is a whole UTC hour (zones with whole-hour offsets) and from the
    /// 1-minute rollups otherwise (e.g. Asia/Kolkata, UTC+05:30).
    /// </remarks>
    public async Task<IReadOnlyList<RollupBucket>> ReadRollupAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, RollupInterval interval, TimeZoneInfo zone, CancellationToken ct)
    {
        if (!RollupEdges.TryPlan(fromUtc, toUtc, interval, zone, out var edges, out var rowWidth))
        {
            return [];
        }

        var table = rowWidth == TimeSpan.TicksPerHour ? RollupSql.HourTable : RollupSql.MinuteTable;
        var rows = await QueryAsync(
            RollupSql.ReadRows(table),
            command =>
            {
                command.Parameters.Add(new DuckDBParameter("series", series.Value));
                command.Parameters.Add(new DuckDBParameter("from", edges[0]));
                command.Parameters.Add(new DuckDBParameter("to", edges[^1]));
            },
            (reader, token) => ReadRollupRowsAsync(reader, TimeSpan.FromTicks(rowWidth), token),
            ct).ConfigureAwait(false);
        return RollupComposer.Compose(rows, edges);
    }

    private static async Task<IReadOnlyList<RollupRow>> ReadRollupRowsAsync(DbDataReader reader, TimeSpan width, CancellationToken ct)
    {
        // bucket, lo, lo_ts, hi, hi_ts, total, n, first_v, first_ts, last_v, last_ts, delta, integral
        var rows = new List<RollupRow>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var start = StorageTime.FromStorage(reader.GetDateTime(0));
            rows.Add(new RollupRow(
                start,
                start + width,
                reader.GetDouble(1),
                reader.GetDouble(3),
                reader.GetDouble(5),
                reader.GetInt64(6),
                reader.GetDouble(7),
                StorageTime.FromStorage(reader.GetDateTime(8)),
                reader.GetDouble(9),
                StorageTime.FromStorage(reader.GetDateTime(10)),
                reader.GetDouble(11),
                reader.GetDouble(12)));
        }

        return rows;
    }

    /// <summary>
    /// The rollup table that can serve epoch-aligned buckets of <paramref name="width"/> microseconds over [from, to):
    /// the 1-hour table when the width is a whole number of hours and both ends are on the hour, the 1-minute table when
    /// the same holds for minutes, else none (read raw).
    /// </summary>
    private static string? BucketTable(long width, DateTime from, DateTime to)
    {
        static bool Aligned(long widthMicros, DateTime from, DateTime to, long unitTicks) =>
            widthMicros % (unitTicks / TimeSpan.TicksPerMicrosecond) == 0 && from.Ticks % unitTicks == 0 && to.Ticks % unitTicks == 0;

        return Aligned(width, from, to, TimeSpan.TicksPerHour) ? RollupSql.HourTable
            : Aligned(width, from, to, TimeSpan.TicksPerMinute) ? RollupSql.MinuteTable
            : null;
    }

    /// <summary>
    /// A long-range trend from the rollups; null when the range holds no more numeric samples than
    /// <paramref name="maxPoints"/> by the hour rollups (the raw path then answers exactly).
    /// </summary>
    private async Task<IReadOnlyList<Sample>?> ReadDecimatedFromRollupsAsync(SeriesId series, DateTime from, DateTime to, int maxPoints, CancellationToken ct)
    {
        var hourFloor = new DateTime(from.Ticks - (from.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc);
        var count = await QueryAsync(
            RollupSql.CountFromHours,
            command =>
            {
                command.Parameters.Add(new DuckDBParameter("series", series.Value));
                command.Parameters.Add(new DuckDBParameter("from", hourFloor));
                command.Parameters.Add(new DuckDBParameter("to", to));
            },
            HistoryReads.ReadCountAsync,
            ct).ConfigureAwait(false);
        if (count <= maxPoints)
        {
            return null;
        }

        var width = HistoryReads.DecimationWidth(from, to, maxPoints, out var fromMicros);
        var m0 = Up(from, TimeSpan.TicksPerMinute);
        var m1 = Down(to, TimeSpan.TicksPerMinute);
        var h0 = Up(from, TimeSpan.TicksPerHour);
        var h1 = Down(to, TimeSpan.TicksPerHour);
        if (width < TimeSpan.TicksPerHour / TimeSpan.TicksPerMicrosecond || h0 >= h1)
        {
            h0 = m1;
            h1 = m1;
        }

        var withEdges = from < m0 || m1 < to;
        var points = await QueryAsync(
            RollupSql.ReadDecimated(withEdges),
            command =>
            {
                command.Parameters.Add(new DuckDBParameter("series", series.Value));
                if (withEdges)
                {
                    command.Parameters.Add(new DuckDBParameter("from", from));
                    command.Parameters.Add(new DuckDBParameter("to", to));
                }

                command.Parameters.Add(new DuckDBParameter("m0", m0));
                command.Parameters.Add(new DuckDBParameter("m1", m1));
                command.Parameters.Add(new DuckDBParameter("h0", h0));
                command.Parameters.Add(new DuckDBParameter("h1", h1));
                command.Parameters.Add(new DuckDBParameter("from_us", fromMicros));
                command.Parameters.Add(new DuckDBParameter("width", width));
            },
            async (reader, token) =>
            {
                var result = new List<Sample>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    result.Add(new Sample(series, StorageTime.FromStorage(reader.GetDateTime(0)), SampleValue.FromDouble(reader.GetDouble(1)), Quality.Good));
                }

                return result;
            },
            ct).ConfigureAwait(false);
        return HistoryReads.WithinMaxPoints(points, maxPoints);

        static DateTime Up(DateTime time, long unit) =>
            time.Ticks % unit == 0 ? time : new DateTime(time.Ticks - (time.Ticks % unit) + unit, DateTimeKind.Utc);

        static DateTime Down(DateTime time, long unit) => new(time.Ticks - (time.Ticks % unit), DateTimeKind.Utc);
    }
}
