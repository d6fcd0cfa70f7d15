namespace Nightshift.Server.Api;

/// <summary>The body of <c>POST /api/v1/alarms/{id}/ack</c>, <c>/unshelve</c> and <c>/reset</c>: an optional comment.</summary>
public sealed record AlarmAckRequest(string? Comment);
