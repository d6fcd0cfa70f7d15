using System.Buffers.Binary;
using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Transport;

/// <summary>
/// Encodes and decodes the connection-level messages of OPC UA TCP (Part 6, 7.1: Hello, Acknowledge, Error) and the
/// headers of secure-conversation chunks (Part 6, 6.7.2). Pure and thread-safe; the entry points the fuzzer hits.
/// </summary>
/// <exception cref="OpcUaFormatException">Thrown by the decoders on malformed input.</exception>
public static class TcpMessageCodec
{
    /// <summary>The smallest buffer size a peer may announce (Part 6, 7.1.2.3).</summary>
    public const int MinBufferSize = 8192;

    /// <summary>The length of the symmetric chunk headers: message header, channel id, token id.</summary>
    public const int SymmetricHeaderLength = 16;

    /// <summary>The length of the sequence header: sequence number and request id.</summary>
    public const int SequenceHeaderLength = 8;

    /// <summary>Reads and checks a message header.</summary>
    public static TcpChunkHeader ReadHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < TcpChunkHeader.Length)
        {
            throw new OpcUaFormatException("A message header needs 8 bytes.");
        }

        var type = (uint)(header[0] | (header[1] << 8) | (header[2] << 16));
        var chunkType = header[3];
        var size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..8]);
        if (type is not (TcpMessageType.Hello or TcpMessageType.Acknowledge or TcpMessageType.Error or TcpMessageType.ReverseHello
            or TcpMessageType.OpenSecureChannel or TcpMessageType.Message or TcpMessageType.CloseSecureChannel))
        {
            throw new OpcUaFormatException($"Unknown message type 0x{type:X6}.");
        }

        if (chunkType is not (TcpMessageType.Final or TcpMessageType.Intermediate or TcpMessageType.Abort))
        {
            throw new OpcUaFormatException($"Unknown chunk type 0x{chunkType:X2}.");
        }

        if (size < TcpChunkHeader.Length || size > int.MaxValue)
        {
            throw new OpcUaFormatException($"A message size of {size} bytes is impossible.");
        }

        return new TcpChunkHeader(type, chunkType, (int)size);
    }

    /// <summary>Encodes a Hello message for <paramref name="endpointUrl"/> with the client's limits.</summary>
    public static byte[] EncodeHello(OpcUaTransportLimits limits, string endpointUrl)
    {
        ArgumentNullException.ThrowIfNull(limits);
        using var writer = new OpcUaBinaryWriter();
        WriteHeader(writer, TcpMessageType.Hello);
        writer.WriteUInt32(0);
        writer.WriteUInt32((uint)limits.ReceiveBufferSize);
        writer.WriteUInt32((uint)limits.SendBufferSize);
        writer.WriteUInt32((uint)limits.MaxMessageSize);
        writer.WriteUInt32((uint)limits.MaxChunkCount);
        writer.WriteString(endpointUrl);
        return Finish(writer);
    }

    /// <summary>Encodes an Acknowledge message (what a server sends; used by tests and the fuzzer's corpus).</summary>
    public static byte[] EncodeAcknowledge(int receiveBufferSize, int sendBufferSize, int maxMessageSize, int maxChunkCount)
    {
        using var writer = new OpcUaBinaryWriter();
        WriteHeader(writer, TcpMessageType.Acknowledge);
        writer.WriteUInt32(0);
        writer.WriteUInt32((uint)receiveBufferSize);
        writer.WriteUInt32((uint)sendBufferSize);
        writer.WriteUInt32((uint)maxMessageSize);
        writer.WriteUInt32((uint)maxChunkCount);
        return Finish(writer);
    }

    /// <summary>Encodes an Error message.</summary>
    public static byte[] EncodeError(StatusCode error, string? reason)
    {
        using var writer = new OpcUaBinaryWriter();
        WriteHeader(writer, TcpMessageType.Error);
        writer.WriteStatusCode(error);
        writer.WriteString(reason);
        return Finish(writer);
    }

    /// <summary>
    /// Decodes an Acknowledge message (header included) and combines it with what the client offered: the client sends
    /// chunks no larger than the server receives, and expects chunks no larger than the server sends.
    /// </summary>
    public static OpcUaNegotiatedLimits DecodeAcknowledge(ReadOnlySpan<byte> message, OpcUaTransportLimits offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        var reader = new OpcUaBinaryReader(message);
        var header = ReadHeader(message);
        if (header.MessageType != TcpMessageType.Acknowledge || header.Size != message.Length)
        {
            throw new OpcUaFormatException("Not an Acknowledge message.");
        }

        reader.Skip(TcpChunkHeader.Length);
        reader.ReadUInt32();
        var serverReceive = reader.ReadUInt32();
        var serverSend = reader.ReadUInt32();
        var maxMessage = reader.ReadUInt32();
        var maxChunks = reader.ReadUInt32();
        if (serverReceive < MinBufferSize || serverSend < MinBufferSize)
        {
            throw new OpcUaFormatException($"The server announced buffers of {serverReceive}/{serverSend} bytes, below the minimum of {MinBufferSize}.");
        }

        return new OpcUaNegotiatedLimits(
            (int)Math.Min(serverReceive, (uint)offered.SendBufferSize),
            (int)Math.Min(serverSend, (uint)offered.ReceiveBufferSize),
            (int)Math.Min(maxMessage, int.MaxValue),
            (int)Math.Min(maxChunks, int.MaxValue));
    }

    /// <summary>Decodes an Error message (header included) or the body of an abort chunk (<paramref name="hasHeader"/> false).</summary>
    public static (StatusCode Error, string? Reason) DecodeError(ReadOnlySpan<byte> message, bool hasHeader = true)
    {
        var reader = new OpcUaBinaryReader(message);
        if (hasHeader)
        {
            var header = ReadHeader(message);
            if (header.MessageType != TcpMessageType.Error)
            {
                throw new OpcUaFormatException("Not an Error message.");
            }

            reader.Skip(TcpChunkHeader.Length);
        }

        var code = reader.ReadStatusCode();
        var reason = reader.ReadString();
        return (code, reason);
    }

    /// <summary>
    /// The length of the message and security headers of a secure-conversation chunk: 16 for MSG/CLO, and for OPN the
    /// header with its asymmetric security header (policy URI, sender certificate, receiver thumbprint).
    /// </summary>
    public static int SecurityHeaderLength(ReadOnlySpan<byte> chunk, out string? policyUri)
    {
        var header = ReadHeader(chunk);
        policyUri = null;
        if (header.MessageType is TcpMessageType.Message or TcpMessageType.CloseSecureChannel)
        {
            if (chunk.Length < SymmetricHeaderLength)
            {
                throw new OpcUaFormatException("A chunk ends within its security header.");
            }

            return SymmetricHeaderLength;
        }

        if (header.MessageType != TcpMessageType.OpenSecureChannel)
        {
            throw new OpcUaFormatException("Not a secure-conversation chunk.");
        }

        var reader = new OpcUaBinaryReader(chunk);
        reader.Skip(12);
        policyUri = reader.ReadString();
        reader.ReadByteStringSpan();
        reader.ReadByteStringSpan();
        return reader.Position;
    }

    /// <summary>
    /// Parses a secure-conversation chunk whose security was already removed (in place, by
    /// <see cref="IChannelSecurity.Unprotect"/>): <paramref name="plainTextLength"/> bytes of sequence header and body
    /// follow the <paramref name="headerLength"/> bytes of headers.
    /// </summary>
    public static OpcUaChunk ParseChunk(ReadOnlySpan<byte> chunk, int headerLength, int plainTextLength, string? policyUri)
    {
        var header = ReadHeader(chunk);
        if (headerLength < 12 || plainTextLength < SequenceHeaderLength || headerLength + plainTextLength > chunk.Length)
        {
            throw new OpcUaFormatException("A chunk is too short for its sequence header.");
        }

        var channelId = BinaryPrimitives.ReadUInt32LittleEndian(chunk[8..12]);
        var tokenId = header.MessageType == TcpMessageType.OpenSecureChannel ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(chunk[12..16]);
        var sequence = BinaryPrimitives.ReadUInt32LittleEndian(chunk.Slice(headerLength, 4));
        var requestId = BinaryPrimitives.ReadUInt32LittleEndian(chunk.Slice(headerLength + 4, 4));
        return new OpcUaChunk(header, channelId, tokenId, policyUri, sequence, requestId, headerLength + SequenceHeaderLength, plainTextLength - SequenceHeaderLength);
    }

    /// <summary>Decodes an unsecured (policy None) chunk end to end: headers and the body's location.</summary>
    public static OpcUaChunk DecodeUnsecuredChunk(ReadOnlySpan<byte> chunk)
    {
        var header = ReadHeader(chunk);
        if (header.Size != chunk.Length)
        {
            throw new OpcUaFormatException($"The chunk says {header.Size} bytes but has {chunk.Length}.");
        }

        var headerLength = SecurityHeaderLength(chunk, out var policyUri);
        return ParseChunk(chunk, headerLength, chunk.Length - headerLength, policyUri);
    }

    private static void WriteHeader(OpcUaBinaryWriter writer, uint type)
    {
        writer.WriteByte((byte)type);
        writer.WriteByte((byte)(type >> 8));
        writer.WriteByte((byte)(type >> 16));
        writer.WriteByte(TcpMessageType.Final);
        writer.WriteUInt32(0);
    }

    private static byte[] Finish(OpcUaBinaryWriter writer)
    {
        var bytes = writer.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4, 4), (uint)bytes.Length);
        return bytes;
    }
}
