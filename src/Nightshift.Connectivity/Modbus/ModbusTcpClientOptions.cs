namespace Nightshift.Connectivity.Modbus;

/// <summary>Where a <see cref="ModbusTcpClient"/> connects and how patiently. Immutable once given to the client.</summary>
public sealed record ModbusTcpClientOptions
{
    /// <summary>The gateway's host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>The TCP port; 502 by default.</summary>
    public int Port { get; init; } = 502;

    /// <summary>How long one request waits for its response (after it was sent).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The first delay before reconnecting after a failure; doubled for each further failure.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many requests may wait in the queue; a request beyond it waits for room.</summary>
    public int QueueCapacity { get; init; } = 1024;
}
