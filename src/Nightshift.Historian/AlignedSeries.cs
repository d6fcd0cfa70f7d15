namespace Nightshift.Historian;

/// <summary>
/// Several series on one time axis: <see cref="Times"/> are the steps (UTC), and <see cref="Values"/> holds one array
/// per series, in the order the series were asked for, with one value (or null: no value) per step. Immutable by
/// convention: the arrays are not copied, so do not change them.
/// </summary>
public sealed record AlignedSeries(IReadOnlyList<DateTime> Times, IReadOnlyList<double?[]> Values)
{
    /// <summary>The most steps one aligned read may have (100,000).</summary>
    public const int MaxSteps = 100_000;
}
