namespace Nightshift.Server.Api;

/// <summary>One tag of an aligned history response: its path, series id, unit and one value per step (null: none).</summary>
public sealed record AlignedHistorySeries(string Path, int SeriesId, string? Unit, IReadOnlyList<double?> Values);
