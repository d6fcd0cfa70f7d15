namespace Nightshift.Server.Api;

/// <summary>The body of <c>POST /api/v1/downtime/{id}/reason</c>: the reason code, an optional text, and whether the interval was planned downtime.</summary>
public sealed record DowntimeReasonRequest(string? Reason, string? Text, bool? Planned);
