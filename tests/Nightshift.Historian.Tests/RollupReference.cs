namespace Nightshift.Historian.Tests;

/// <summary>
/// Rollup buckets computed the obvious way from a list of samples, as the tests' reference: the value of each sample
/// holds until the next one; the last before a bucket holds into it; the last in a bucket holds to its end.
/// </summary>
public static class RollupReference
{
    /// <summary>The buckets <c>[edges[i], edges[i + 1])</c> that hold samples; <paramref name="points"/> are (time, value) of the numeric good samples.</summary>
    public static List<RollupBucket> Compute(IEnumerable<(DateTime Time, double Value)> points, IReadOnlyList<DateTime> edges)
    {
        var sorted = points.OrderBy(p => p.Time).ToList();
        var result = new List<RollupBucket>();
        for (var b = 0; b + 1 < edges.Count; b++)
        {
            var start = edges[b];
            var end = edges[b + 1];
            var inside = sorted.Where(p => p.Time >= start && p.Time < end).ToList();
            if (inside.Count == 0)
            {
                continue;
            }

            var before = sorted.LastOrDefault(p => p.Time < start);
            var hasCarry = before != default;
            double integral = 0, delta = 0;
            var previous = hasCarry ? before.Value : (double?)null;
            var heldSince = hasCarry ? start : inside[0].Time;
            foreach (var point in inside)
            {
                if (previous is { } held)
                {
                    integral += held * (point.Time - heldSince).TotalSeconds;
                    delta += point.Value >= held ? point.Value - held : point.Value;
                }

                previous = point.Value;
                heldSince = point.Time;
            }

            integral += inside[^1].Value * (end - inside[^1].Time).TotalSeconds;
            var covered = (end - (hasCarry ? start : inside[0].Time)).TotalSeconds;
            var values = inside.Select(p => p.Value).ToList();
            result.Add(new RollupBucket(start, end, values.Min(), values.Max(), values.Average(), integral / covered, values.Sum(), values.Count, values[0], values[^1], delta, integral));
        }

        return result;
    }

    /// <summary>Asserts two lists of buckets are equal, the floating-point aggregates within a relative 1e-9.</summary>
    public static void ShouldMatch(this IReadOnlyList<RollupBucket> actual, IReadOnlyList<RollupBucket> expected)
    {
        actual.Count.ShouldBe(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (a, e) = (actual[i], expected[i]);
            a.Start.ShouldBe(e.Start);
            a.End.ShouldBe(e.End);
            a.Count.ShouldBe(e.Count);
            foreach (var (name, got, want) in new[]
            {
                ("Min", a.Min, e.Min), ("Max", a.Max, e.Max), ("Avg", a.Avg, e.Avg), ("TimeWeightedAvg", a.TimeWeightedAvg, e.TimeWeightedAvg),
                ("Sum", a.Sum, e.Sum), ("First", a.First, e.First), ("Last", a.Last, e.Last), ("Delta", a.Delta, e.Delta), ("Integral", a.Integral, e.Integral),
            })
            {
                got.ShouldBe(want, Math.Max(1e-9, Math.Abs(want) * 1e-9), $"bucket {e.Start:O} {name}");
            }
        }
    }
}
