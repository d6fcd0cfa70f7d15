namespace Nightshift.Historian;

/// <summary>
/// The schema and the parameterised statements of the DuckDB store. Every read deduplicates by (series, ts),
/// keeping the row appended last (highest rowid): the last write of a timestamp wins.
/// </summary>
internal static class DuckDbSql
{
    /// <summary>2: rollup tables (<see cref="Rollups.RollupSql"/>); a version-1 store is upgraded by rolling up all its samples.</summary>
    public const int SchemaVersion = 2;

    public const string SamplesTable = "samples";

    public const string CreateSchema = """
        CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, tenant VARCHAR NOT NULL, path VARCHAR NOT NULL);
        CREATE TABLE IF NOT EXISTS samples (
            series INTEGER NOT NULL,
            ts TIMESTAMP NOT NULL,
            value DOUBLE,
            text VARCHAR,
            quality UINTEGER NOT NULL,
            kind UTINYINT NOT NULL);
        """;

    public const string ReadSchemaVersion = "SELECT max(version) FROM schema_info";

    public const string WriteSchemaVersion = "INSERT INTO schema_info VALUES ($version)";

    public const string LoadSeries = "SELECT id, tenant, path FROM series ORDER BY id";

    public const string InsertSeries = "INSERT OR IGNORE INTO series VALUES ($id, $tenant, $path)";

    /// <summary>The rows of one series in [from, to), one per timestamp (the last written).</summary>
    private const string Deduplicated = """
        SELECT ts, value, text, quality, kind
        FROM samples
        WHERE series = $series AND ts >= $from AND ts < $to
        QUALIFY row_number() OVER (PARTITION BY ts ORDER BY rowid DESC) = 1
        """;

    public const string ReadRaw = Deduplicated + """

        ORDER BY ts
        LIMIT $limit
        """;

    public const string CountDistinct = """
        SELECT count(DISTINCT ts)
        FROM samples
        WHERE series = $series AND ts >= $from AND ts < $to
        """;

    /// <summary>
    /// Numeric (double 1, long 2, bool 3), not NaN, not Bad (quality below 0x80000000); bucket starts are multiples
    /// of $width microseconds since the Unix epoch (floored, so times before 1970 fall in the right bucket too).
    /// </summary>
    public const string ReadBuckets = "WITH raw AS (" + Deduplicated + """
        ),
        numeric AS (
            SELECT ts, value, epoch_us(ts) AS us
            FROM raw
            WHERE kind IN (1, 2, 3) AND value IS NOT NULL AND NOT isnan(value) AND quality < 2147483648
        )
        SELECT us - (((us % $width) + $width) % $width) AS bucket_us,
               min(value), max(value), avg(value), arg_min(value, ts), arg_max(value, ts), count(*)
        FROM numeric
        GROUP BY bucket_us
        ORDER BY bucket_us
        """;

    /// <summary>Per bucket of $width microseconds from $from_us: the first, min, max and last row (each once).</summary>
    public const string ReadDecimated = "WITH raw AS (" + Deduplicated + """
        ),
        bucketed AS (
            SELECT *,
                   (epoch_us(ts) - $from_us) // $width AS bucket,
                   CASE WHEN kind IN (1, 2, 3) AND value IS NOT NULL AND NOT isnan(value) THEN value END AS num
            FROM raw
        ),
        """ + Reading.DecimationSql.RankedFromBucketed;

    public const string ReadLatest = """
        SELECT ts, value, text, quality, kind
        FROM samples
        WHERE series = $series AND ts <= $at
        ORDER BY ts DESC, rowid DESC
        LIMIT 1
        """;

    /// <summary>
    /// Sample and hold on the steps $from, $from + $step_us, … &lt; $to: per step index, the value of the last sample at
    /// or before it (the last before $from included), null when that sample is not numeric, NaN or Bad.
    /// </summary>
    public const string ReadAlignedPrevious = """
        WITH steps AS (
            SELECT range AS t FROM range($from, $to, to_microseconds($step_us))
        ),
        raw AS (
            SELECT * FROM (
                SELECT ts, value, quality, kind FROM samples
                WHERE series = $series AND ts >= $from AND ts < $to
                QUALIFY row_number() OVER (PARTITION BY ts ORDER BY rowid DESC) = 1)
            UNION ALL
            SELECT * FROM (
                SELECT ts, value, quality, kind FROM samples
                WHERE series = $series AND ts < $from
                ORDER BY ts DESC, rowid DESC
                LIMIT 1)
        )
        SELECT (epoch_us(steps.t) - $from_us) // $step_us AS i,
               CASE WHEN raw.kind IN (1, 2, 3) AND raw.value IS NOT NULL AND NOT isnan(raw.value) AND raw.quality < 2147483648
                    THEN raw.value END AS v
        FROM steps ASOF JOIN raw ON steps.t >= raw.ts
        """;

    /// <summary>Per step index of $step_us microseconds from $from: the mean of the numeric, non-NaN, not-Bad samples.</summary>
    public const string ReadAlignedAverage = "WITH raw AS (" + Deduplicated + """
        )
        SELECT (epoch_us(ts) - $from_us) // $step_us AS i, avg(value)
        FROM raw
        WHERE kind IN (1, 2, 3) AND value IS NOT NULL AND NOT isnan(value) AND quality < 2147483648
        GROUP BY i
        """;
}
