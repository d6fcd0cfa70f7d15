namespace Nightshift.Historian;

/// <summary>
/// Aggregates of the numeric samples of one series in one time bucket <c>[Start, Start + width)</c> (UTC).
/// <see cref="First"/> and <see cref="Last"/> are the values of the earliest and latest samples in the bucket;
/// bools count as 0 and 1. Values are in the unit of the series. Immutable.
/// </summary>
public sealed record AggregateBucket(DateTime Start, double Min, double Max, double Avg, double First, double Last, long Count);
