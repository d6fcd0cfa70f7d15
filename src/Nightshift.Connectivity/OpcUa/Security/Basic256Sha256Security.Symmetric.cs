using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>Symmetric (MSG, CLO) chunks: HMAC-SHA256 signatures and AES-256-CBC encryption with the token's derived keys.</summary>
public sealed partial class Basic256Sha256Security
{
    // Layout of a secured MSG/CLO chunk (Part 6, 6.7.2):
    // | message header (12) | token id (4) | sequence header (8) | body | [PaddingSize | Padding] | signature (32) |
    //                                      └──────── encrypted with AES-256-CBC in SignAndEncrypt ─────────────┘
    // Padding (SignAndEncrypt only) makes the encrypted part a multiple of the 16-byte AES block; OPC UA pads itself, so
    // the cipher runs without padding of its own.
    private const int SymmetricHeaderLength = 16;

    private int ProtectSymmetric(Span<byte> chunk, int headerLength, int plainTextLength)
    {
        Basic256Sha256Token token;
        lock (_gate)
        {
            token = _current ?? throw new OpcUaSecurityException(
                "No security token is active: the channel must call ActivateToken before it sends a symmetric chunk.",
                SecurityStatusCodes.BadSecureChannelTokenUnknown);
        }

        // Chunks sent are always secured with the newest token; its id goes into the symmetric security header.
        if (headerLength >= SymmetricHeaderLength)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(chunk[12..], token.TokenId);
        }

        var keys = _isServer ? token.Server : token.Client;
        var encrypt = Mode == MessageSecurityMode.SignAndEncrypt;
        var position = headerLength + plainTextLength;
        if (encrypt)
        {
            var unpadded = plainTextLength + 1 + SymmetricSignatureSize;
            var paddingCount = (Basic256Sha256Keys.BlockSize - (unpadded % Basic256Sha256Keys.BlockSize)) % Basic256Sha256Keys.BlockSize;
            if (position + 1 + paddingCount + SymmetricSignatureSize > chunk.Length)
            {
                throw TooSmall(chunk);
            }

            position = WritePadding(chunk, position, paddingCount, extraPadding: false);
        }
        else if (position + SymmetricSignatureSize > chunk.Length)
        {
            throw TooSmall(chunk);
        }

        var messageSize = position + SymmetricSignatureSize;
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[4..], (uint)messageSize);
        keys.Sign(chunk[..position], chunk.Slice(position, SymmetricSignatureSize));
        if (encrypt)
        {
            keys.Encrypt(chunk[headerLength..messageSize]);
        }

        return messageSize;
    }

    private int UnprotectSymmetric(Span<byte> message, int headerLength, uint tokenId)
    {
        var token = FindReceivingToken(tokenId);
        var keys = _isServer ? token.Client : token.Server;
        var encrypt = Mode == MessageSecurityMode.SignAndEncrypt;
        if (encrypt)
        {
            var encrypted = message[headerLength..];
            if (encrypted.Length % Basic256Sha256Keys.BlockSize != 0)
            {
                throw new OpcUaSecurityException(
                    $"The encrypted part of the chunk ({encrypted.Length} bytes) is not a multiple of the AES block.");
            }

            keys.Decrypt(encrypted);
        }

        var signedEnd = message.Length - SymmetricSignatureSize;
        if (signedEnd < headerLength + SequenceHeaderSize + (encrypt ? 1 : 0))
        {
            throw new OpcUaSecurityException("The chunk is too short for its signature.");
        }

        Span<byte> expected = stackalloc byte[SymmetricSignatureSize];
        keys.Sign(message[..signedEnd], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, message[signedEnd..]))
        {
            throw new OpcUaSecurityException("The signature of the chunk does not match.");
        }

        var end = encrypt ? ReadPadding(message, headerLength, signedEnd, extraPadding: false) : signedEnd;
        return end - headerLength;
    }

    /// <summary>The token of a received chunk: the current one, or the one before it.</summary>
    private Basic256Sha256Token FindReceivingToken(uint tokenId)
    {
        lock (_gate)
        {
            if (_current is { } current && current.TokenId == tokenId)
            {
                return current;
            }

            if (_previous is { } previous && previous.TokenId == tokenId)
            {
                return previous;
            }
        }

        throw new OpcUaSecurityException($"The chunk was secured with the unknown security token {tokenId}.", SecurityStatusCodes.BadSecureChannelTokenUnknown);
    }

    private static ArgumentException TooSmall(Span<byte> chunk) =>
        new($"The chunk buffer of {chunk.Length} bytes cannot hold the secured chunk.", nameof(chunk));
}
