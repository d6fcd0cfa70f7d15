namespace Nightshift.Server.Api;

/// <summary>
/// A connector's health in API responses: state (<c>Disabled</c>, <c>Connecting</c>, <c>Connected</c>, <c>Faulted</c>),
/// the latest error and when, counters since the connector was (re)defined or the node started, and the time of the
/// latest Good value (UTC).
/// </summary>
public sealed record ConnectorStatusDto(
    string State,
    string? LastError,
    DateTime? LastErrorTime,
    long Requests,
    long Errors,
    long Points,
    long Reconnects,
    DateTime? LastDataTime);
