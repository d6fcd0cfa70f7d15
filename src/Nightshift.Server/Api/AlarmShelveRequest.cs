namespace Nightshift.Server.Api;

/// <summary>The body of <c>POST /api/v1/alarms/{id}/shelve</c>: why, and for how many minutes (1 to 480).</summary>
public sealed record AlarmShelveRequest(string? Reason, int? Minutes);
