namespace Nightshift.Core.Assets;

/// <summary>
/// How long the history of a tag class is kept (plant file <c>retention:</c>): raw samples for <paramref name="RawDays"/>
/// days and rollups for <paramref name="RollupDays"/> days; null keeps them forever. Immutable.
/// </summary>
public sealed record HistoryRetention(int? RawDays, int? RollupDays);
