namespace Nightshift.Server.Oee;

/// <summary>An operator's re-classification of a downtime interval as stored: which interval, the reason, whether planned, who and when (UTC). Immutable.</summary>
public sealed record DowntimeReclassification(string Id, string State, string Reason, string? ReasonText, bool Planned, string Who, DateTime Timestamp);
