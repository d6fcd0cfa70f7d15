namespace Nightshift.Connectivity.OpcUa.Transport;

/// <summary>
/// The limits of one connection after Hello/Acknowledge: the chunk sizes in each direction and what the server
/// accepts (message size and chunk count; 0 = no limit). Immutable and thread-safe.
/// </summary>
/// <param name="SendChunkSize">The largest chunk the client may send (the server's receive buffer).</param>
/// <param name="ReceiveChunkSize">The largest chunk the server sends (the server's send buffer).</param>
/// <param name="MaxRequestMessageSize">The largest request message the server accepts; 0 for no limit.</param>
/// <param name="MaxRequestChunkCount">The most chunks of a request the server accepts; 0 for no limit.</param>
public sealed record OpcUaNegotiatedLimits(int SendChunkSize, int ReceiveChunkSize, int MaxRequestMessageSize, int MaxRequestChunkCount);
