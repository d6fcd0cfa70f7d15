namespace Nightshift.Server.Connectors;

/// <summary>
/// The no-data watchdog of a <see cref="ConnectorDocument"/>: when the device has answered no request for
/// <see cref="MissedIntervals"/> intervals of the fastest poll group while the connection stays open, the connection is
/// dropped and made again. 0 turns the watchdog off. Immutable.
/// </summary>
public sealed record ConnectorWatchdogDocument
{
    public int? MissedIntervals { get; init; }
}
