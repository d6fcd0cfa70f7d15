namespace Nightshift.Historian.Reading;

/// <summary>
/// The part of the decimation query that both engines share (it is standard SQL): given a CTE <c>bucketed</c> of
/// rows <c>ts, value, text, quality, kind</c> with their <c>bucket</c> and their numeric value <c>num</c> (null when not
/// numeric or NaN), keeps per bucket the first, the smallest, the largest and the last row, each once, in time order.
/// </summary>
internal static class DecimationSql
{
    /// <summary>Follows <c>WITH …, bucketed AS (…),</c>.</summary>
    public const string RankedFromBucketed = """
        ranked AS (
            SELECT *,
                   row_number() OVER (PARTITION BY bucket ORDER BY ts) AS r_first,
                   row_number() OVER (PARTITION BY bucket ORDER BY ts DESC) AS r_last,
                   row_number() OVER (PARTITION BY bucket ORDER BY num ASC NULLS LAST, ts) AS r_min,
                   row_number() OVER (PARTITION BY bucket ORDER BY num DESC NULLS LAST, ts) AS r_max
            FROM bucketed
        )
        SELECT ts, value, text, quality, kind
        FROM ranked
        WHERE r_first = 1 OR r_last = 1 OR r_min = 1 OR r_max = 1
        ORDER BY ts
        """;
}
