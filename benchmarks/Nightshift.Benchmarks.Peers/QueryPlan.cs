namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// The queries every system answers, on the same data: a trend of tag 0 over one day (or the whole data, if shorter) at
/// 1000 points, and hourly aggregates of the first <see cref="AggregateTags"/> tags (at most 100) over the whole data.
/// Immutable.
/// </summary>
public sealed record QueryPlan(DateTime TrendFromUtc, DateTime TrendToUtc, int TrendPoints, int AggregateTags, DateTime AggregateFromUtc, DateTime AggregateToUtc)
{
    /// <summary>The trend's bucket width for peers that answer min and max per bucket (2 points per bucket).</summary>
    public TimeSpan TrendBucket => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((TrendToUtc - TrendFromUtc).TotalSeconds / (TrendPoints / 2.0))));

    /// <summary>The plan for a data set.</summary>
    public static QueryPlan For(PlantDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var trendTo = data.StartUtc.AddSeconds(Math.Min(86_400, data.PointsPerTag));
        return new QueryPlan(data.StartUtc, trendTo, 1000, Math.Min(100, data.Tags), data.StartUtc, data.EndUtc);
    }

    /// <summary>The keys of the aggregate tags as an anchored regular expression (<c>t00000|t00001|…</c>).</summary>
    public string AggregateKeyPattern => string.Join('|', Enumerable.Range(0, AggregateTags).Select(PlantDataSet.Key));

    /// <summary>Unix seconds of a UTC instant.</summary>
    public static long UnixSeconds(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeSeconds();
}
