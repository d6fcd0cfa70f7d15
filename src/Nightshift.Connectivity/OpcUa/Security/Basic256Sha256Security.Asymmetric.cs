using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>Asymmetric (OpenSecureChannel) chunks: RSA PKCS#1 v1.5 SHA-256 signatures and RSA-OAEP SHA-1 encryption.</summary>
public sealed partial class Basic256Sha256Security
{
    // Layout of a secured OPN chunk (Part 6, 6.7.2):
    // | message header (12) | asymmetric security header | sequence header (8) | body | PaddingSize | Padding | [ExtraPaddingSize] | signature |
    //                                                     └──────────── encrypted in blocks of the receiver's key size ─────────────────────┘
    // The signature covers everything before it, with the message size already the size after encryption. Each padding
    // byte holds the low byte of the padding count; ExtraPaddingSize, present when the receiver's key is over 2048 bits,
    // holds its high byte.
    private int ProtectAsymmetric(Span<byte> chunk, int headerLength, int plainTextLength)
    {
        var cipherBlock = _remoteKeyBytes;
        var plainBlock = cipherBlock - OaepSha1Overhead;
        var extraPadding = cipherBlock > MinimumKeySize / 8;
        var signatureLength = _localKeyBytes;
        var unpadded = plainTextLength + (extraPadding ? 2 : 1) + signatureLength;
        var paddingCount = (plainBlock - (unpadded % plainBlock)) % plainBlock;
        var blocks = (unpadded + paddingCount) / plainBlock;
        var messageSize = headerLength + (blocks * cipherBlock);
        if (messageSize > chunk.Length)
        {
            throw new ArgumentException(
                $"The chunk buffer of {chunk.Length} bytes cannot hold the secured chunk of {messageSize} bytes.", nameof(chunk));
        }

        var position = WritePadding(chunk, headerLength + plainTextLength, paddingCount, extraPadding);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[4..], (uint)messageSize);
        if (!_localKey.TrySignData(chunk[..position], chunk.Slice(position, signatureLength), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out var signed)
            || signed != signatureLength)
        {
            throw new OpcUaSecurityException("The chunk could not be signed.");
        }

        var cipherText = ArrayPool<byte>.Shared.Rent(blocks * cipherBlock);
        try
        {
            for (var i = 0; i < blocks; i++)
            {
                var plain = chunk.Slice(headerLength + (i * plainBlock), plainBlock);
                var cipher = cipherText.AsSpan(i * cipherBlock, cipherBlock);
                if (!_remoteKey.TryEncrypt(plain, cipher, RSAEncryptionPadding.OaepSHA1, out var written) || written != cipherBlock)
                {
                    throw new OpcUaSecurityException("The chunk could not be encrypted.");
                }
            }

            cipherText.AsSpan(0, blocks * cipherBlock).CopyTo(chunk[headerLength..]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cipherText, clearArray: true);
        }

        return messageSize;
    }

    private int UnprotectAsymmetric(Span<byte> message, int headerLength)
    {
        CheckAsymmetricHeader(message[..headerLength]);
        var cipherBlock = _localKeyBytes;
        var plainBlock = cipherBlock - OaepSha1Overhead;
        var cipherLength = message.Length - headerLength;
        if (cipherLength % cipherBlock != 0)
        {
            throw new OpcUaSecurityException(
                $"The encrypted part of the chunk ({cipherLength} bytes) is not a multiple of the key's {cipherBlock}-byte block.");
        }

        var blocks = cipherLength / cipherBlock;
        var plainText = ArrayPool<byte>.Shared.Rent(cipherBlock);
        try
        {
            for (var i = 0; i < blocks; i++)
            {
                // The plain text of block i lands before the cipher text of block i + 1, so decrypting in order is safe.
                var cipher = message.Slice(headerLength + (i * cipherBlock), cipherBlock);
                if (!TryDecryptBlock(cipher, plainText, out var written) || written != plainBlock)
                {
                    throw new OpcUaSecurityException("The chunk could not be decrypted with the local private key.");
                }

                plainText.AsSpan(0, plainBlock).CopyTo(message[(headerLength + (i * plainBlock))..]);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plainText, clearArray: true);
        }

        var end = headerLength + (blocks * plainBlock);
        var signatureLength = _remoteKeyBytes;
        var signedEnd = end - signatureLength;
        if (signedEnd < headerLength + SequenceHeaderSize + 1)
        {
            throw new OpcUaSecurityException("The chunk is too short for its signature.");
        }

        if (!_remoteKey.VerifyData(message[..signedEnd], message.Slice(signedEnd, signatureLength), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            throw new OpcUaSecurityException("The signature of the OpenSecureChannel chunk does not match the peer's certificate.");
        }

        return ReadPadding(message, headerLength, signedEnd, extraPadding: cipherBlock > MinimumKeySize / 8) - headerLength;
    }

    private bool TryDecryptBlock(ReadOnlySpan<byte> cipher, Span<byte> plain, out int written)
    {
        try
        {
            return _localKey.TryDecrypt(cipher, plain, RSAEncryptionPadding.OaepSHA1, out written);
        }
        catch (CryptographicException)
        {
            written = 0;
            return false;
        }
    }

    // The asymmetric security header (Part 6, 6.7.2.3): SecurityPolicyUri (String), SenderCertificate (ByteString),
    // ReceiverCertificateThumbprint (ByteString). The sender must be the peer this channel was built for and the
    // receiver our own certificate.
    private void CheckAsymmetricHeader(ReadOnlySpan<byte> header)
    {
        var reader = header[12..];
        var policy = ReadByteString(ref reader);
        if (!policy.SequenceEqual("http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256"u8))
        {
            throw new OpcUaSecurityException("The OpenSecureChannel chunk names another security policy.", SecurityStatusCodes.BadSecurityPolicyRejected);
        }

        var sender = ReadByteString(ref reader);
        if (sender.Length == 0 || !sender[..CertificateDer.LeafLength(sender)].SequenceEqual(_remoteCertificateDer))
        {
            throw new OpcUaSecurityException("The OpenSecureChannel chunk was sent with another certificate than the peer's.", SecurityStatusCodes.BadCertificateInvalid);
        }

        var receiver = ReadByteString(ref reader);
        if (!receiver.SequenceEqual(_localThumbprint))
        {
            throw new OpcUaSecurityException("The OpenSecureChannel chunk is meant for another certificate than ours.", SecurityStatusCodes.BadCertificateInvalid);
        }
    }

    private static ReadOnlySpan<byte> ReadByteString(ref ReadOnlySpan<byte> reader)
    {
        if (reader.Length < 4)
        {
            throw new OpcUaSecurityException("The asymmetric security header is truncated.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(reader);
        reader = reader[4..];
        if (length <= 0)
        {
            return [];
        }

        if (length > reader.Length)
        {
            throw new OpcUaSecurityException("The asymmetric security header is truncated.");
        }

        var value = reader[..length];
        reader = reader[length..];
        return value;
    }

    /// <summary>Writes PaddingSize, the padding and, when asked, ExtraPaddingSize at <paramref name="position"/>; returns the end.</summary>
    private static int WritePadding(Span<byte> chunk, int position, int paddingCount, bool extraPadding)
    {
        var low = (byte)(paddingCount & 0xFF);
        chunk[position++] = low;
        chunk.Slice(position, paddingCount).Fill(low);
        position += paddingCount;
        if (extraPadding)
        {
            chunk[position++] = (byte)(paddingCount >> 8);
        }

        return position;
    }

    /// <summary>Checks the padding that ends at <paramref name="paddingEnd"/>; returns where the plain text ends.</summary>
    private static int ReadPadding(ReadOnlySpan<byte> message, int headerLength, int paddingEnd, bool extraPadding)
    {
        // With ExtraPaddingSize the byte before it is the low byte: the last padding byte, or PaddingSize itself when
        // there is no padding.
        int count;
        int paddingStart;
        byte low;
        if (extraPadding)
        {
            low = message[paddingEnd - 2];
            count = (message[paddingEnd - 1] << 8) | low;
            paddingStart = paddingEnd - 1 - count;
        }
        else
        {
            low = message[paddingEnd - 1];
            count = low;
            paddingStart = paddingEnd - count;
        }

        var sizeByte = paddingStart - 1;
        if (sizeByte < headerLength + SequenceHeaderSize || message[sizeByte] != low
            || message.Slice(paddingStart, count).ContainsAnyExcept(low))
        {
            throw new OpcUaSecurityException("The chunk's padding is malformed.");
        }

        return sizeByte;
    }
}
