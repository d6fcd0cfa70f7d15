namespace Nightshift.Connectivity.OpcUa.Transport;

/// <summary>
/// The parsed headers of one secure-conversation chunk (OPN, MSG or CLO) after its security was removed: where the
/// body starts and how long it is. Immutable.
/// </summary>
/// <param name="Header">The message header.</param>
/// <param name="ChannelId">The secure channel id.</param>
/// <param name="TokenId">The security token id of a symmetric chunk; 0 for OPN.</param>
/// <param name="PolicyUri">The security policy URI of an OPN chunk; null otherwise.</param>
/// <param name="SequenceNumber">The chunk's sequence number.</param>
/// <param name="RequestId">The id of the request the chunk belongs to.</param>
/// <param name="BodyOffset">Where the body starts within the chunk.</param>
/// <param name="BodyLength">The length of the body in bytes.</param>
public readonly record struct OpcUaChunk(
    TcpChunkHeader Header, uint ChannelId, uint TokenId, string? PolicyUri, uint SequenceNumber, uint RequestId, int BodyOffset, int BodyLength);
