namespace Nightshift.Core.Oee;

/// <summary>
/// Turns the readings of a unit counter into the units counted per bucket, resets included, and sums them over a
/// window. Pure and thread-safe.
/// </summary>
/// <remarks>
/// Design note. A counter only rises, except when the device resets it (a restart, a new shift, a wrap). Between two
/// readings the increase is the difference when it is not negative; when the value fell, the counter was reset and
/// the new value is what was counted since the reset. Inside one bucket the readings are known only as first, last,
/// lowest and highest: without a fall (lowest = first) the bucket counted last − first; with one, it counted
/// highest − first before the reset and last after it (at most one reset per bucket is assumed). The step from the
/// previous bucket's last reading (or the reading before the first bucket) to a bucket's first reading counts in that
/// bucket. A window sums the buckets that start inside it, so its edges are as fine as the buckets.
/// </remarks>
public static class CounterIncrease
{
    /// <summary>The units counted in each bucket, in the order of <paramref name="buckets"/> (which must be by start).</summary>
    /// <param name="buckets">The counter's readings per bucket, oldest first.</param>
    /// <param name="before">The last reading before the first bucket, if known; without it the first bucket's step from before is not counted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="buckets"/> is null.</exception>
    /// <exception cref="ArgumentException">The buckets are not ordered by start.</exception>
    public static IReadOnlyList<CounterIncrement> PerBucket(IReadOnlyList<CounterBucket> buckets, double? before)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var result = new CounterIncrement[buckets.Count];
        var previous = before;
        for (var i = 0; i < buckets.Count; i++)
        {
            var b = buckets[i];
            if (i > 0 && b.Start <= buckets[i - 1].Start)
            {
                throw new ArgumentException("The buckets must be ordered by start, each start once.", nameof(buckets));
            }

            var units = 0.0;
            if (previous is { } last && double.IsFinite(last))
            {
                units += Step(last, b.First);
            }

            units += b.Min < b.First ? Math.Max(0, b.Max - b.First) + Math.Max(0, b.Last) : Math.Max(0, b.Last - b.First);
            result[i] = new CounterIncrement(b.Start, double.IsFinite(units) ? (long)Math.Round(units) : 0);
            previous = b.Last;
        }

        return result;
    }

    /// <summary>The units of the increments whose bucket starts in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="increments"/> is null.</exception>
    public static long Sum(IEnumerable<CounterIncrement> increments, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(increments);
        long total = 0;
        foreach (var increment in increments)
        {
            if (increment.Start >= from && increment.Start < to)
            {
                total += increment.Units;
            }
        }

        return total;
    }

    /// <summary>The units between two readings: the difference, or the new reading after a reset.</summary>
    public static double Step(double previous, double next) =>
        !double.IsFinite(next) ? 0 : next >= previous ? next - previous : Math.Max(0, next);
}
