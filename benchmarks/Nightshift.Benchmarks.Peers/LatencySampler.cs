using System.Diagnostics;

namespace Nightshift.Benchmarks.Peers;

/// <summary>Times a query a number of times after a warm-up and gives percentiles in milliseconds. Not thread-safe.</summary>
public static class LatencySampler
{
    /// <summary>Runs <paramref name="query"/> <paramref name="warmup"/> times untimed, then <paramref name="runs"/> times timed.</summary>
    /// <returns>The timings in ms, sorted ascending.</returns>
    public static async Task<double[]> MeasureAsync(Func<CancellationToken, Task> query, int warmup, int runs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        for (var i = 0; i < warmup; i++)
        {
            await query(ct).ConfigureAwait(false);
        }

        var timings = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await query(ct).ConfigureAwait(false);
            timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(timings);
        return timings;
    }

    /// <summary>The nearest-rank percentile (0–100) of sorted timings.</summary>
    public static double Percentile(double[] sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
