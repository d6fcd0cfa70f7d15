namespace Nightshift.Server.Api;

/// <summary>The body of <c>GET /api/v1/tags/{tagPath}/history</c>.</summary>
public sealed record HistoryResponse(string Path, int SeriesId, string? Unit, DateTime From, DateTime To, int MaxPoints, IReadOnlyList<HistoryPoint> Points);
