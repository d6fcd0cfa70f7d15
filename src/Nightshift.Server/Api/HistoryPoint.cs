namespace Nightshift.Server.Api;

/// <summary>One point of a history response: time (UTC), value, quality.</summary>
public sealed record HistoryPoint(DateTime T, object? V, string Q);
