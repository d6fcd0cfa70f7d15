using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Nightshift.Connectivity.OpcUa.Security;

namespace Nightshift.Connectivity.Tests.OpcUa.Security;

/// <summary>Builds unsecured chunks as a secure channel hands them to <see cref="IChannelSecurity.Protect"/>.</summary>
internal static class TestChunks
{
    public const int ChunkSize = 65536;

    /// <summary>An OPN chunk: message header, asymmetric security header, then the plain text at headerLength.</summary>
    public static (byte[] Chunk, int HeaderLength) Asymmetric(IChannelSecurity sender, ReadOnlySpan<byte> plainText)
    {
        var chunk = new byte[ChunkSize];
        var position = MessageHeader(chunk, "OPN"u8);
        position = WriteByteString(chunk, position, Encoding.UTF8.GetBytes(sender.PolicyUri));
        position = WriteByteString(chunk, position, sender.LocalCertificate.Span);
        position = WriteByteString(chunk, position, sender.RemoteCertificateThumbprint.Span);
        plainText.CopyTo(chunk.AsSpan(position));
        return (chunk, position);
    }

    /// <summary>A MSG chunk: message header and token id, then the plain text at 16.</summary>
    public static (byte[] Chunk, int HeaderLength) Symmetric(uint tokenId, ReadOnlySpan<byte> plainText)
    {
        var chunk = new byte[ChunkSize];
        var position = MessageHeader(chunk, "MSG"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(position), tokenId);
        position += 4;
        plainText.CopyTo(chunk.AsSpan(position));
        return (chunk, position);
    }

    /// <summary>A plain text: sequence header (sequence number, request id) and a random body.</summary>
    public static byte[] PlainText(int bodyLength, uint sequenceNumber = 51, uint requestId = 7)
    {
        var plain = new byte[8 + bodyLength];
        BinaryPrimitives.WriteUInt32LittleEndian(plain, sequenceNumber);
        BinaryPrimitives.WriteUInt32LittleEndian(plain.AsSpan(4), requestId);
        RandomNumberGenerator.Fill(plain.AsSpan(8));
        return plain;
    }

    private static int MessageHeader(Span<byte> chunk, ReadOnlySpan<byte> type)
    {
        type.CopyTo(chunk);
        chunk[3] = (byte)'F';
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[8..], 4711);
        return 12;
    }

    private static int WriteByteString(Span<byte> chunk, int position, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(chunk[position..], value.IsEmpty ? -1 : value.Length);
        value.CopyTo(chunk[(position + 4)..]);
        return position + 4 + value.Length;
    }
}
