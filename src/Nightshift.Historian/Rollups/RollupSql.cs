namespace Nightshift.Historian.Rollups;

/// <summary>
/// The rollup tables of the DuckDB store and the statements that maintain and read them.
/// </summary>
/// <remarks>
/// Design: a rollup row holds, for one series and one bucket <c>[bucket, bucket + width)</c>, the mergeable aggregates
/// of the numeric samples (not NaN, not Bad) in it — min and max with their times, sum, count, first and last with their
/// times — plus two that depend on the order of samples: <c>delta</c>, the counter increase between consecutive samples
/// inside the bucket (a drop counts as a reset from zero), and <c>integral</c>, value × seconds from the first sample to
/// the end of the bucket, each value held until the next sample. Neither depends on anything outside the bucket, so a
/// late sample makes only its own minute (and that minute's hour) stale. What the value before a bucket adds (the step
/// into its first sample, and the time from the bucket start to it) is added when buckets are read, from the previous
/// row. The writer records the (series, minute) pairs it touched in <c>rollup_dirty</c>, in the transaction of the
/// samples, so nothing is missed after a crash; the maintainer recomputes those minutes from raw and their hours from
/// the minutes, and deletes the pairs, in one transaction.
/// </remarks>
internal static class RollupSql
{
    public const string DirtyTable = "rollup_dirty";

    public const string MinuteTable = "rollup_1m";

    public const string HourTable = "rollup_1h";

    private const string Columns = """
        series INTEGER NOT NULL,
            bucket TIMESTAMP NOT NULL,
            lo DOUBLE NOT NULL,
            lo_ts TIMESTAMP NOT NULL,
            hi DOUBLE NOT NULL,
            hi_ts TIMESTAMP NOT NULL,
            total DOUBLE NOT NULL,
            n BIGINT NOT NULL,
            first_v DOUBLE NOT NULL,
            first_ts TIMESTAMP NOT NULL,
            last_v DOUBLE NOT NULL,
            last_ts TIMESTAMP NOT NULL,
            delta DOUBLE NOT NULL,
            integral DOUBLE NOT NULL
        """;

    public const string CreateTables = $"""
        CREATE TABLE IF NOT EXISTS {DirtyTable} (series INTEGER NOT NULL, bucket TIMESTAMP NOT NULL);
        CREATE TABLE IF NOT EXISTS {MinuteTable} ({Columns});
        CREATE TABLE IF NOT EXISTS {HourTable} ({Columns});
        """;

    /// <summary>Marks every minute that holds samples as stale: run once when a store without rollups is upgraded.</summary>
    public const string MarkAllDirty = $"""
        INSERT INTO {DirtyTable} SELECT DISTINCT series, date_trunc('minute', ts) FROM samples
        """;

    /// <summary>Takes a snapshot of the stale minutes and the hours they lie in; returns the time span they cover.</summary>
    public const string PrepareWork = $"""
        CREATE OR REPLACE TEMP TABLE work_1m AS SELECT DISTINCT series, bucket FROM {DirtyTable};
        CREATE OR REPLACE TEMP TABLE work_1h AS SELECT DISTINCT series, date_trunc('hour', bucket) AS bucket FROM work_1m;
        """;

    public const string WorkSpan = "SELECT count(*), min(bucket), max(bucket) FROM work_1m";

    public const string DropWork = "DROP TABLE IF EXISTS work_1m; DROP TABLE IF EXISTS work_1h;";

    /// <summary>Deletes the stale rows and the dirty marks this transaction sees (marks added since stay for the next round).</summary>
    public const string DeleteStale = $"""
        DELETE FROM {MinuteTable} r USING work_1m w WHERE r.series = w.series AND r.bucket = w.bucket;
        DELETE FROM {HourTable} r USING work_1h w WHERE r.series = w.series AND r.bucket = w.bucket;
        DELETE FROM {DirtyTable};
        """;

    /// <summary>
    /// Recomputes the stale minutes from raw, the last write of a timestamp winning. <c>$lo</c> and <c>$hi</c> bracket
    /// the stale minutes so that the scan of <c>samples</c> skips row groups outside them.
    /// </summary>
    public const string ComputeMinutes = $"""
        INSERT INTO {MinuteTable}
        WITH raw AS (
            SELECT s.series, s.ts, s.value, s.kind, s.quality, w.bucket
            FROM samples s JOIN work_1m w ON s.series = w.series AND date_trunc('minute', s.ts) = w.bucket
            WHERE s.ts >= $lo AND s.ts < $hi
            QUALIFY row_number() OVER (PARTITION BY s.series, s.ts ORDER BY s.rowid DESC) = 1
        ),
        numeric AS (
            SELECT series, bucket, ts, value,
                   lead(ts) OVER w AS next_ts,
                   lag(value) OVER w AS prev_value
            FROM raw
            WHERE kind IN (1, 2, 3) AND value IS NOT NULL AND NOT isnan(value) AND quality < 2147483648
            WINDOW w AS (PARTITION BY series, bucket ORDER BY ts)
        )
        SELECT series, bucket,
               min(value), arg_min(ts, value), max(value), arg_max(ts, value), sum(value), count(*),
               arg_min(value, ts), min(ts), arg_max(value, ts), max(ts),
               sum(CASE WHEN prev_value IS NULL THEN 0 WHEN value >= prev_value THEN value - prev_value ELSE value END),
               sum(value * (epoch_us(coalesce(next_ts, bucket + INTERVAL 1 MINUTE)) - epoch_us(ts)) / 1000000.0)
        FROM numeric
        GROUP BY series, bucket
        """;

    /// <summary>
    /// Recomputes the stale hours from their minutes: the same composition as <see cref="RollupComposer"/> (gaps between
    /// minutes held at the previous minute's last value, the last value held to the end of the hour).
    /// </summary>
    public const string ComputeHours = $"""
        INSERT INTO {HourTable}
        WITH m AS (
            SELECT r.*, w.bucket AS hour,
                   lag(r.last_v) OVER win AS prev_last,
                   lag(r.bucket) OVER win AS prev_bucket
            FROM {MinuteTable} r JOIN work_1h w ON r.series = w.series AND date_trunc('hour', r.bucket) = w.bucket
            WHERE r.bucket >= $lo AND r.bucket < $hi
            WINDOW win AS (PARTITION BY r.series, w.bucket ORDER BY r.bucket)
        )
        SELECT series, hour,
               min(lo), arg_min(lo_ts, lo), max(hi), arg_max(hi_ts, hi), sum(total), sum(n)::BIGINT,
               arg_min(first_v, first_ts), min(first_ts), arg_max(last_v, last_ts), max(last_ts),
               sum(delta + CASE WHEN prev_last IS NULL THEN 0 WHEN first_v >= prev_last THEN first_v - prev_last ELSE first_v END),
               sum(integral + CASE WHEN prev_last IS NULL THEN 0
                                   ELSE prev_last * (epoch_us(first_ts) - epoch_us(prev_bucket + INTERVAL 1 MINUTE)) / 1000000.0 END)
                 + arg_max(last_v, bucket) * (epoch_us(hour + INTERVAL 1 HOUR) - epoch_us(max(bucket) + INTERVAL 1 MINUTE)) / 1000000.0
        FROM m
        GROUP BY series, hour
        """;

    private const string RowColumns = "bucket, lo, lo_ts, hi, hi_ts, total, n, first_v, first_ts, last_v, last_ts, delta, integral";

    /// <summary>The rows of one series in [$from, $to) and the one row before them (for the value held into the range).</summary>
    public static string ReadRows(string table) => $"""
        SELECT * FROM (
            (SELECT {RowColumns} FROM {table} WHERE series = $series AND bucket < $from ORDER BY bucket DESC LIMIT 1)
            UNION ALL
            (SELECT {RowColumns} FROM {table} WHERE series = $series AND bucket >= $from AND bucket < $to)
        ) ORDER BY bucket
        """;

    /// <summary>Epoch-aligned buckets of $width microseconds merged from rollup rows in [$from, $to).</summary>
    public static string ReadBuckets(string table) => $"""
        SELECT epoch_us(bucket) - (((epoch_us(bucket) % $width) + $width) % $width) AS bucket_us,
               min(lo), max(hi), sum(total) / sum(n), arg_min(first_v, first_ts), arg_max(last_v, last_ts), sum(n)::BIGINT
        FROM {table}
        WHERE series = $series AND bucket >= $from AND bucket < $to
        GROUP BY bucket_us
        ORDER BY bucket_us
        """;

    /// <summary>The number of numeric samples the hour rows of [$from, $to) hold (an upper bound for the range inside).</summary>
    public const string CountFromHours = $"""
        SELECT coalesce(sum(n), 0)::BIGINT FROM {HourTable} WHERE series = $series AND bucket >= $from AND bucket < $to
        """;

    /// <summary>
    /// A trend from rollups: candidate points are the first, min, max and last of whole hours in [$h0, $h1), of whole
    /// minutes in [$m0, $h0) and [$h1, $m1), and (when <paramref name="withEdges"/>) the raw numeric samples of the
    /// partial minutes [$from, $m0) and [$m1, $to); per bucket of $width microseconds from $from_us the first, min, max
    /// and last of them are kept. Each range is its own scan, so that its bounds prune row groups.
    /// </summary>
    public static string ReadDecimated(bool withEdges) => $"""
        WITH whole AS (
            SELECT first_ts, first_v, lo_ts, lo, hi_ts, hi, last_ts, last_v FROM {HourTable}
            WHERE series = $series AND bucket >= $h0 AND bucket < $h1
            UNION ALL
            SELECT first_ts, first_v, lo_ts, lo, hi_ts, hi, last_ts, last_v FROM {MinuteTable}
            WHERE series = $series AND bucket >= $m0 AND bucket < $h0
            UNION ALL
            SELECT first_ts, first_v, lo_ts, lo, hi_ts, hi, last_ts, last_v FROM {MinuteTable}
            WHERE series = $series AND bucket >= $h1 AND bucket < $m1
        ),
        points AS (
            SELECT unnest([first_ts, lo_ts, hi_ts, last_ts]) AS ts, unnest([first_v, lo, hi, last_v]) AS v FROM whole
            {(withEdges ? EdgePoints : string.Empty)}
        ),
        bucketed AS (
            SELECT ts, v, (epoch_us(ts) - $from_us) // $width AS b FROM (SELECT DISTINCT ts, v FROM points)
        ),
        ranked AS (
            SELECT ts, v,
                   row_number() OVER (PARTITION BY b ORDER BY ts) AS r_first,
                   row_number() OVER (PARTITION BY b ORDER BY ts DESC) AS r_last,
                   row_number() OVER (PARTITION BY b ORDER BY v, ts) AS r_min,
                   row_number() OVER (PARTITION BY b ORDER BY v DESC, ts) AS r_max
            FROM bucketed
        )
        SELECT ts, v FROM ranked
        WHERE r_first = 1 OR r_last = 1 OR r_min = 1 OR r_max = 1
        ORDER BY ts
        """;

    /// <summary>The raw numeric samples of the partial minutes at both ends, deduplicated (last write wins).</summary>
    private const string EdgePoints = """
        UNION ALL
            SELECT ts, value FROM (
                (SELECT ts, value, quality, kind FROM samples
                 WHERE series = $series AND ts >= $from AND ts < $m0
                 QUALIFY row_number() OVER (PARTITION BY ts ORDER BY rowid DESC) = 1)
                UNION ALL
                (SELECT ts, value, quality, kind FROM samples
                 WHERE series = $series AND ts >= $m1 AND ts < $to
                 QUALIFY row_number() OVER (PARTITION BY ts ORDER BY rowid DESC) = 1))
            WHERE kind IN (1, 2, 3) AND value IS NOT NULL AND NOT isnan(value) AND quality < 2147483648
        """;
}
