namespace Nightshift.Server.Connectors;

/// <summary>
/// A snapshot of a connector's health. Counters count since the connector was (re)defined or the node started.
/// Immutable.
/// </summary>
/// <param name="State">The state.</param>
/// <param name="LastError">The latest error (no connection, timeout, exception response), or null when none happened.</param>
/// <param name="LastErrorTime">When <paramref name="LastError"/> happened (UTC).</param>
/// <param name="Requests">Read requests whose outcome was delivered.</param>
/// <param name="Errors">Read requests that failed (no connection, timeout, exception response, malformed response).</param>
/// <param name="Points">Values delivered with Good quality.</param>
/// <param name="Reconnects">Connections dropped and made again by the watchdog.</param>
/// <param name="LastDataTime">When the latest Good value arrived (UTC), or null.</param>
public sealed record ConnectorStatus(
    ConnectorState State,
    string? LastError,
    DateTime? LastErrorTime,
    long Requests,
    long Errors,
    long Points,
    long Reconnects,
    DateTime? LastDataTime);
