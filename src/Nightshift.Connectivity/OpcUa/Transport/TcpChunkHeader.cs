namespace Nightshift.Connectivity.OpcUa.Transport;

/// <summary>The first eight bytes of every OPC UA TCP message or chunk: type, chunk type and size in bytes (header included).</summary>
public readonly record struct TcpChunkHeader(uint MessageType, byte ChunkType, int Size)
{
    /// <summary>The length of the header in bytes.</summary>
    public const int Length = 8;
}
