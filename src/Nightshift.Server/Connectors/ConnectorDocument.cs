namespace Nightshift.Server.Connectors;

/// <summary>
/// A connector as users write it (JSON through the API; the same shape in plant files): which device to reach, what to
/// read, how often, and where the values go. Optional fields are null when absent. Immutable once read; check it with
/// <see cref="ConnectorDocumentReader"/>, which also fills the defaults.
/// </summary>
public sealed record ConnectorDocument
{
    /// <summary>Unique within the tenant: 1 to 64 letters, digits, '.', '-' or '_'.</summary>
    public string? Name { get; init; }

    /// <summary>The protocol: <c>modbus</c> (Modbus TCP) or <c>opcua</c> (OPC UA binary).</summary>
    public string? Kind { get; init; }

    /// <summary>False keeps the connector defined but stopped; true when absent.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Modbus: the device's or gateway's host name or address.</summary>
    public string? Host { get; init; }

    /// <summary>Modbus: the TCP port; 502 when absent.</summary>
    public int? Port { get; init; }

    /// <summary>OPC UA: the server's endpoint, <c>opc.tcp://host:port/path</c>.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>OPC UA: the security mode and policy of the channel; None when absent.</summary>
    public ConnectorSecurityDocument? Security { get; init; }

    /// <summary>OPC UA: the user name of the session; anonymous when absent.</summary>
    public string? User { get; init; }

    /// <summary>OPC UA: the password of <see cref="User"/>. Shown masked by the API (see <see cref="ConnectorDocumentReader.PasswordMask"/>).</summary>
    public string? Password { get; init; }

    /// <summary>The asset path of the equipment the points feed; when absent, each unit is its own source (see docs/connectors.md).</summary>
    public string? Equipment { get; init; }

    /// <summary>How long one request waits for its response, in milliseconds; 2000 when absent.</summary>
    public int? TimeoutMs { get; init; }

    /// <summary>The points, grouped by poll rate.</summary>
    public IReadOnlyList<ConnectorPollGroupDocument>? PollGroups { get; init; }

    /// <summary>The no-data watchdog; 3 missed intervals when absent.</summary>
    public ConnectorWatchdogDocument? Watchdog { get; init; }

    /// <summary>The backoff between connection attempts; 200 ms doubling up to 30 s when absent.</summary>
    public ConnectorReconnectDocument? Reconnect { get; init; }
}
