using System.Buffers.Binary;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>
/// Security policy None (Part 7, SecurityPolicy – None): chunks are neither signed nor encrypted, nonces are empty, the
/// session needs no proof of possession. <see cref="Protect"/> only writes the message size. Stateless and thread-safe.
/// </summary>
public sealed class NoSecurity : IChannelSecurity
{
    /// <summary>The URI of security policy None.</summary>
    public const string Uri = "http://opcfoundation.org/UA/SecurityPolicy#None";

    /// <summary>The shared instance.</summary>
    public static NoSecurity Instance { get; } = new();

    public string PolicyUri => Uri;

    public MessageSecurityMode Mode => MessageSecurityMode.None;

    public ReadOnlyMemory<byte> LocalCertificate => ReadOnlyMemory<byte>.Empty;

    public ReadOnlyMemory<byte> RemoteCertificateThumbprint => ReadOnlyMemory<byte>.Empty;

    public int NonceLength => 0;

    public int MaxPlainTextSize(int chunkSize, int headerLength, bool asymmetric) => chunkSize - headerLength;

    public int Protect(Span<byte> chunk, int headerLength, int plainTextLength, bool asymmetric)
    {
        var length = headerLength + plainTextLength;
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[4..8], (uint)length);
        return length;
    }

    public int Unprotect(Span<byte> chunk, int headerLength, bool asymmetric, uint tokenId)
    {
        if (chunk.Length < headerLength)
        {
            throw new OpcUaSecurityException("A chunk is shorter than its headers.");
        }

        return chunk.Length - headerLength;
    }

    public void ActivateToken(uint tokenId, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce)
    {
    }

    public byte[] CreateNonce() => [];

    public (string? Algorithm, byte[] Signature) SignSessionData(ReadOnlySpan<byte> serverCertificate, ReadOnlySpan<byte> serverNonce) => (null, []);

    public bool VerifySessionData(ReadOnlySpan<byte> clientCertificate, ReadOnlySpan<byte> clientNonce, string? algorithm, ReadOnlySpan<byte> signature) => true;
}
