namespace Nightshift.Server.Api;

/// <summary>
/// The body of <c>GET /api/v1/history/aligned</c>: the time axis (UTC steps) and one value array per tag, aligned to it
/// (null: no value at that step).
/// </summary>
public sealed record AlignedHistoryResponse(DateTime From, DateTime To, double IntervalSeconds, string Mode, IReadOnlyList<DateTime> Times, IReadOnlyList<AlignedHistorySeries> Series);
