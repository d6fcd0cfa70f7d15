using Nightshift.Connectivity.Modbus;
using Nightshift.Core.Assets;

namespace Nightshift.Server.Connectors;

/// <summary>
/// A checked <see cref="ConnectorDocument"/> in the form the runtime uses: defaults filled, Modbus points built.
/// Made by <see cref="ConnectorDocumentReader"/> only. Immutable and thread-safe.
/// </summary>
/// <param name="Name">The connector's name.</param>
/// <param name="Enabled">Whether the connector runs.</param>
/// <param name="Host">The gateway's host.</param>
/// <param name="Port">The gateway's TCP port.</param>
/// <param name="Equipment">The equipment the points feed, or null for the source address rule.</param>
/// <param name="RequestTimeout">How long a request waits for its response.</param>
/// <param name="ReconnectDelay">The first backoff delay.</param>
/// <param name="MaxReconnectDelay">The longest backoff delay.</param>
/// <param name="MissedIntervals">Watchdog: intervals of the fastest group without an answer before a reconnect; 0 is off.</param>
/// <param name="Groups">The Modbus poll groups (empty for other kinds).</param>
/// <param name="Kind">The protocol: <see cref="ConnectorDocumentReader.ModbusKind"/> or <see cref="ConnectorDocumentReader.OpcUaKind"/>.</param>
/// <param name="OpcUa">The OPC UA settings, for an OPC UA connector.</param>
public sealed record ConnectorSettings(
    string Name,
    bool Enabled,
    string Host,
    int Port,
    AssetPath? Equipment,
    TimeSpan RequestTimeout,
    TimeSpan ReconnectDelay,
    TimeSpan MaxReconnectDelay,
    int MissedIntervals,
    IReadOnlyList<ModbusPollGroup> Groups,
    string Kind = ConnectorDocumentReader.ModbusKind,
    OpcUaConnectorSettings? OpcUa = null)
{
    /// <summary>The interval of the fastest poll group (or OPC UA subscription).</summary>
    public TimeSpan FastestInterval => OpcUa is { } opcUa ? opcUa.Groups.Min(g => g.Interval) : Groups.Min(g => g.Interval);
}
