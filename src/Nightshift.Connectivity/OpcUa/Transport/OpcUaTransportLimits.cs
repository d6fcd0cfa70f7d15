namespace Nightshift.Connectivity.OpcUa.Transport;

/// <summary>
/// What the client offers in its Hello message (Part 6, 7.1.2.3): the largest chunk it sends and receives, the
/// largest message and the most chunks per message it accepts (0 = no limit). The server's Acknowledge may lower them.
/// Immutable and thread-safe.
/// </summary>
public sealed record OpcUaTransportLimits
{
    /// <summary>The largest chunk the client receives, in bytes (at least 8,192).</summary>
    public int ReceiveBufferSize { get; init; } = 65_535;

    /// <summary>The largest chunk the client sends, in bytes (at least 8,192).</summary>
    public int SendBufferSize { get; init; } = 65_535;

    /// <summary>The largest response message the client accepts, in bytes.</summary>
    public int MaxMessageSize { get; init; } = 16 << 20;

    /// <summary>The most chunks of one response the client accepts.</summary>
    public int MaxChunkCount { get; init; } = 4096;
}
