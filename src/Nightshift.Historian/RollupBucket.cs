namespace Nightshift.Historian;

/// <summary>
/// Aggregates of the numeric samples (double, long, bool as 0/1; not NaN, not Bad quality) of one series in one rollup
/// bucket <c>[Start, End)</c> (UTC), in the unit of the series. Immutable.
/// </summary>
/// <param name="Start">The start of the bucket (UTC).</param>
/// <param name="End">The end of the bucket, exclusive (UTC); a local day may be 23 or 25 hours long.</param>
/// <param name="Min">The smallest value in the bucket.</param>
/// <param name="Max">The largest value in the bucket.</param>
/// <param name="Avg">The arithmetic mean of the values in the bucket.</param>
/// <param name="TimeWeightedAvg">
/// <see cref="Integral"/> divided by the seconds it covers: from <see cref="Start"/> when a value was held into the
/// bucket, else from its first sample, to <see cref="End"/>.
/// </param>
/// <param name="Sum">The sum of the values.</param>
/// <param name="Count">The number of samples aggregated (at least 1: buckets without samples are left out).</param>
/// <param name="First">The value of the earliest sample in the bucket.</param>
/// <param name="Last">The value of the latest sample in the bucket.</param>
/// <param name="Delta">
/// The increase of a counter over the bucket, from the value held into it: each step up adds its rise, a step down
/// (a reset) adds the new value, as if counting from zero.
/// </param>
/// <param name="Integral">
/// Value × seconds under the step curve (each value holds until the next sample; the value before the bucket holds into
/// it; the last value holds to <see cref="End"/>), e.g. kW × s = kJ.
/// </param>
public sealed record RollupBucket(
    DateTime Start,
    DateTime End,
    double Min,
    double Max,
    double Avg,
    double TimeWeightedAvg,
    double Sum,
    long Count,
    double First,
    double Last,
    double Delta,
    double Integral);
