using System.Globalization;

namespace Nightshift.Historian.Postgres;

/// <summary>
/// The schema and the statements of the PostgreSQL store, with the store's schema name (validated by the options, so
/// safe to splice) filled in. The samples table has the primary key <c>(series, ts)</c>: a write upserts, so the last
/// write of a timestamp wins and reads need no deduplication. Timestamps are <c>timestamptz</c> (microseconds);
/// numbers (double, long, bool as 0/1) are in <c>value</c>, strings in <c>text</c>; <c>quality</c> is the OPC UA code
/// (bigint, as PostgreSQL has no unsigned integer), <c>kind</c> the <see cref="Core.Samples.ValueKind"/>. Immutable.
/// </summary>
internal sealed class PostgresSql
{
    public const int SchemaVersion = 1;

    /// <summary>The writer connection's temporary staging table, emptied by every commit.</summary>
    public const string CreateStaging = """
        CREATE TEMP TABLE IF NOT EXISTS nightshift_staging (
            seq integer NOT NULL,
            series integer NOT NULL,
            ts timestamptz NOT NULL,
            value double precision,
            text text,
            quality bigint NOT NULL,
            kind smallint NOT NULL) ON COMMIT DELETE ROWS
        """;

    public const string CopyStaging = "COPY pg_temp.nightshift_staging (seq, series, ts, value, text, quality, kind) FROM STDIN (FORMAT BINARY)";

    public const string CreateTimescale = "CREATE EXTENSION IF NOT EXISTS timescaledb";

    /// <summary>Numeric (double 1, long 2, bool 3), not NULL, not NaN (in PostgreSQL NaN equals NaN), not Bad.</summary>
    private const string NumericGood = "kind IN (1, 2, 3) AND value IS NOT NULL AND value <> 'NaN'::float8 AND quality < 2147483648";

    private const string Micros = "(extract(epoch FROM ts) * 1000000)::bigint";

    public PostgresSql(string schema)
    {
        Schema = schema;
        var s = "\"" + schema + "\"";
        Samples = s + ".samples";
        var columns = "series integer NOT NULL, ts timestamptz NOT NULL, value double precision, text text, quality bigint NOT NULL, kind smallint NOT NULL, PRIMARY KEY (series, ts)";
        Lock = $"SELECT pg_advisory_xact_lock(hashtext('nightshift-history:{schema}'))";
        CreateBase = $"""
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE TABLE IF NOT EXISTS {s}.schema_info (version integer NOT NULL, layout text NOT NULL);
            CREATE TABLE IF NOT EXISTS {s}.series (id integer PRIMARY KEY, tenant text NOT NULL, path text NOT NULL);
            """;
        ReadSchemaInfo = $"SELECT version, layout FROM {s}.schema_info ORDER BY version DESC LIMIT 1";
        WriteSchemaInfo = $"INSERT INTO {s}.schema_info (version, layout) VALUES ($1, $2)";
        CreatePartitioned = $"CREATE TABLE IF NOT EXISTS {Samples} ({columns}) PARTITION BY RANGE (ts)";
        CreateHypertable = $"""
            CREATE TABLE IF NOT EXISTS {Samples} ({columns});
            SELECT create_hypertable('{s}.samples', 'ts', chunk_time_interval => interval '7 days', if_not_exists => true);
            """;
        LoadSeries = $"SELECT id, tenant, path FROM {s}.series ORDER BY id";
        InsertSeries = $"INSERT INTO {s}.series (id, tenant, path) SELECT * FROM unnest($1::integer[], $2::text[], $3::text[]) ON CONFLICT (id) DO NOTHING";
        ListPartitions = $"""
            SELECT c.relname
            FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid
            JOIN pg_class p ON p.oid = i.inhparent
            JOIN pg_namespace n ON n.oid = p.relnamespace
            WHERE n.nspname = '{schema}' AND p.relname = 'samples'
            ORDER BY c.relname
            """;
        Upsert = $"""
            INSERT INTO {Samples} AS t (series, ts, value, text, quality, kind)
            SELECT DISTINCT ON (series, ts) series, ts, value, text, quality, kind
            FROM pg_temp.nightshift_staging
            ORDER BY series, ts, seq DESC
            ON CONFLICT (series, ts) DO UPDATE
            SET value = EXCLUDED.value, text = EXCLUDED.text, quality = EXCLUDED.quality, kind = EXCLUDED.kind
            """;
        var range = $"FROM {Samples} WHERE series = $1 AND ts >= $2 AND ts < $3";
        ReadRaw = $"SELECT ts, value, text, quality, kind {range} ORDER BY ts LIMIT $4";
        CountUpTo = $"SELECT count(*) FROM (SELECT 1 {range} LIMIT $4) AS limited";
        ReadBuckets = $"""
            WITH numeric AS (
                SELECT ts, value, {Micros} AS us
                {range} AND {NumericGood}
            )
            SELECT us - (((us % $4) + $4) % $4) AS bucket_us,
                   min(value), max(value), avg(value),
                   (array_agg(value ORDER BY ts))[1], (array_agg(value ORDER BY ts DESC))[1], count(*)
            FROM numeric
            GROUP BY bucket_us
            ORDER BY bucket_us
            """;
        ReadDecimated = $"""
            WITH bucketed AS (
                SELECT ts, value, text, quality, kind,
                       ({Micros} - $4) / $5 AS bucket,
                       CASE WHEN kind IN (1, 2, 3) AND value IS NOT NULL AND value <> 'NaN'::float8 THEN value END AS num
                {range}
            ),
            {Reading.DecimationSql.RankedFromBucketed}
            """;
        ReadLatest = $"SELECT ts, value, text, quality, kind FROM {Samples} WHERE series = $1 AND ts <= $2 ORDER BY ts DESC LIMIT 1";
        ReadRollupRows = $"""
            WITH numeric AS (
                SELECT ts, value, us, us - (((us % $4) + $4) % $4) AS b
                FROM (SELECT ts, value, {Micros} AS us {range} AND {NumericGood}) AS raw
            ),
            stepped AS (
                SELECT ts, value, us, b,
                       lead(us) OVER w AS next_us,
                       lag(value) OVER w AS prev_value
                FROM numeric
                WINDOW w AS (PARTITION BY b ORDER BY ts)
            )
            SELECT b, min(value), max(value), sum(value), count(*),
                   (array_agg(value ORDER BY ts))[1], min(ts), (array_agg(value ORDER BY ts DESC))[1], max(ts),
                   sum(CASE WHEN prev_value IS NULL THEN 0 WHEN value >= prev_value THEN value - prev_value ELSE value END),
                   sum(value * (coalesce(next_us, b + $4) - us) / 1000000.0::float8)
            FROM stepped
            GROUP BY b
            ORDER BY b
            """;
        DeleteOlder = $"WITH gone AS (DELETE FROM {Samples} WHERE series = ANY($1) AND ts < $2 RETURNING 1) SELECT count(*) FROM gone";
        ReadNumericBefore = $"SELECT ts, value FROM {Samples} WHERE series = $1 AND ts < $2 AND {NumericGood} ORDER BY ts DESC LIMIT 1";
        ReadAlignedPrevious = $"""
            WITH raw AS (
                SELECT series, ts, value, quality, kind FROM {Samples}
                WHERE series = ANY($1) AND ts >= $2 AND ts < $3
                UNION ALL
                SELECT b.series, b.ts, b.value, b.quality, b.kind
                FROM unnest($1) AS ids(id)
                CROSS JOIN LATERAL (
                    SELECT series, ts, value, quality, kind FROM {Samples}
                    WHERE series = ids.id AND ts < $2
                    ORDER BY ts DESC
                    LIMIT 1) AS b
            ),
            indexed AS (
                SELECT series, ts,
                       CASE WHEN {Micros} <= $4 THEN 0 ELSE ({Micros} - $4 + $5 - 1) / $5 END AS i,
                       CASE WHEN {NumericGood} THEN value END AS v
                FROM raw
            )
            SELECT DISTINCT ON (series, i) series, i, v
            FROM indexed
            ORDER BY series, i, ts DESC
            """;
        ReadAlignedAverage = $"""
            SELECT series, ({Micros} - $4) / $5 AS i, avg(value)
            FROM {Samples}
            WHERE series = ANY($1) AND ts >= $2 AND ts < $3 AND {NumericGood}
            GROUP BY series, i
            """;
    }

    public string Schema { get; }

    public string Samples { get; }

    public string Lock { get; }

    public string CreateBase { get; }

    public string ReadSchemaInfo { get; }

    public string WriteSchemaInfo { get; }

    public string CreatePartitioned { get; }

    public string CreateHypertable { get; }

    public string LoadSeries { get; }

    public string InsertSeries { get; }

    public string ListPartitions { get; }

    public string Upsert { get; }

    public string ReadRaw { get; }

    public string CountUpTo { get; }

    public string ReadBuckets { get; }

    public string ReadDecimated { get; }

    public string ReadLatest { get; }

    /// <summary>
    /// Rollup rows of width $4 microseconds (epoch-aligned) from the numeric, good samples of a series in [$2, $3), as the
    /// embedded engine stores them (see <see cref="Rollups.RollupSql"/>): bucket (µs), min, max, sum, count, first value,
    /// first time, last value, last time, the counter increase between samples inside the bucket, and value × seconds
    /// from the first sample to the end of the bucket.
    /// </summary>
    public string ReadRollupRows { get; }

    /// <summary>Deletes the samples of the series $1 before $2 and returns how many.</summary>
    public string DeleteOlder { get; }

    /// <summary>The last numeric, good sample (ts, value) of a series before $2.</summary>
    public string ReadNumericBefore { get; }

    /// <summary>
    /// Sample and hold for the series $1 on the steps $2 + k × $5 µs (epoch µs of $2 in $4) before $3: per series and
    /// step index, the last sample that takes effect at that step (the latest since the step before), as a value or null
    /// (not numeric, NaN or Bad); the last sample before $2 takes effect at step 0. Steps without a row hold the value
    /// of the step before.
    /// </summary>
    public string ReadAlignedPrevious { get; }

    /// <summary>Per series of $1 and step index of $5 µs from $4 (the epoch µs of $2): the mean of the numeric, good samples in [$2, $3).</summary>
    public string ReadAlignedAverage { get; }

    /// <summary>The name of the partition that holds the month starting at <paramref name="month"/> (years 1 to 9999).</summary>
    public static string PartitionName(int month) =>
        string.Create(CultureInfo.InvariantCulture, $"samples_p{month / 12:D4}{(month % 12) + 1:D2}");

    /// <summary>Creates the partition of one month, numbered as <c>year × 12 + month − 1</c>.</summary>
    public string CreatePartition(int month)
    {
        var next = month + 1;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"CREATE TABLE IF NOT EXISTS \"{Schema}\".{PartitionName(month)} PARTITION OF {Samples} FOR VALUES FROM ('{month / 12:D4}-{(month % 12) + 1:D2}-01 00:00:00+00') TO ('{next / 12:D4}-{(next % 12) + 1:D2}-01 00:00:00+00')");
    }
}
