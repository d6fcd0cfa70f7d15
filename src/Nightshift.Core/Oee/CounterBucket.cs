namespace Nightshift.Core.Oee;

/// <summary>
/// The readings of a counter (good or scrap units, a value that only rises until it is reset) in one time bucket that
/// starts at <see cref="Start"/> (UTC): its first, last, lowest and highest value there. Immutable.
/// </summary>
public readonly record struct CounterBucket(DateTime Start, double First, double Last, double Min, double Max);
