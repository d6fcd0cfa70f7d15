namespace Nightshift.Historian;

/// <summary>
/// The width of a rollup bucket. <see cref="Minute"/> and <see cref="Hour"/> buckets are aligned in UTC;
/// <see cref="Day"/> buckets start at local midnight in the zone asked for, so a day with a daylight-saving change
/// lasts 23 or 25 hours.
/// </summary>
public enum RollupInterval
{
    Minute,
    Hour,
    Day,
}
