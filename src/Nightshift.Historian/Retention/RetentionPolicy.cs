namespace Nightshift.Historian.Retention;

/// <summary>
/// How long the history of one tag class is kept: raw samples for <see cref="Raw"/>, the 1-minute and 1-hour rollups
/// for <see cref="Rollups"/> (usually longer); null keeps them forever. Immutable.
/// </summary>
public sealed record RetentionPolicy(TimeSpan? Raw, TimeSpan? Rollups)
{
    /// <summary>Keeps everything.</summary>
    public static RetentionPolicy Forever { get; } = new(null, null);

    /// <summary>A policy in whole days; zero or negative: forever.</summary>
    public static RetentionPolicy Days(int rawDays, int rollupDays) =>
        new(rawDays > 0 ? TimeSpan.FromDays(rawDays) : null, rollupDays > 0 ? TimeSpan.FromDays(rollupDays) : null);
}
