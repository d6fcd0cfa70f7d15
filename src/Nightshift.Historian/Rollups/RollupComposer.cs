namespace Nightshift.Historian.Rollups;

/// <summary>
/// Merges stored rollup rows (minutes or hours) into the buckets a caller asked for (the same width, or local days).
/// Pure and thread-safe.
/// </summary>
/// <remarks>
/// The value held before a row's first sample comes from the previous row (whichever bucket it is in): its last value
/// adds the step into the first sample to <see cref="RollupBucket.Delta"/> and last × (first sample − previous row's
/// end, or the bucket start if that is later) to <see cref="RollupBucket.Integral"/>. After the last row of a bucket its
/// last value holds to the end of the bucket. Rows must nest in the buckets (a minute never straddles a bucket edge).
/// </remarks>
internal static class RollupComposer
{
    /// <summary>
    /// The buckets <c>[edges[i], edges[i + 1])</c> that hold rows, oldest first. <paramref name="rows"/> is ordered by
    /// start; rows before <c>edges[0]</c> only provide the value held into the first bucket, rows at or after the last
    /// edge are ignored.
    /// </summary>
    public static List<RollupBucket> Compose(IReadOnlyList<RollupRow> rows, IReadOnlyList<DateTime> edges)
    {
        var result = new List<RollupBucket>();
        if (edges.Count < 2)
        {
            return result;
        }

        RollupRow? previous = null;
        var edge = 0;
        var i = 0;
        while (i < rows.Count && rows[i].Start < edges[0])
        {
            previous = rows[i];
            i++;
        }

        while (i < rows.Count)
        {
            while (edge < edges.Count - 1 && rows[i].Start >= edges[edge + 1])
            {
                edge++;
            }

            if (edge == edges.Count - 1)
            {
                break;
            }

            var start = edges[edge];
            var end = edges[edge + 1];
            var carry = previous?.Last;
            var first = rows[i];
            double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, delta = 0, integral = 0;
            long count = 0;
            var last = first;
            for (; i < rows.Count && rows[i].Start < end; i++)
            {
                var row = rows[i];
                min = Math.Min(min, row.Min);
                max = Math.Max(max, row.Max);
                sum += row.Sum;
                count += row.Count;
                delta += row.Delta;
                integral += row.Integral;
                if (previous is { } before)
                {
                    delta += Step(before.Last, row.First);
                    var heldFrom = before.End > start ? before.End : start;
                    integral += before.Last * Seconds(row.FirstTime - heldFrom);
                }

                previous = row;
                last = row;
            }

            integral += last.Last * Seconds(end - last.End);
            var covered = Seconds(end - (carry is null ? first.FirstTime : start));
            result.Add(new RollupBucket(
                start,
                end,
                min,
                max,
                sum / count,
                covered > 0 ? integral / covered : last.Last,
                sum,
                count,
                first.First,
                last.Last,
                delta,
                integral));
        }

        return result;
    }

    /// <summary>The increase of a counter from one reading to the next: a drop is a reset, counted from zero.</summary>
    public static double Step(double from, double to) => to >= from ? to - from : to;

    private static double Seconds(TimeSpan span) => span.Ticks / (double)TimeSpan.TicksPerSecond;
}
