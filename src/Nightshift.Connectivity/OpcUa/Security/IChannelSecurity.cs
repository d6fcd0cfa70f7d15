namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>
/// Protects the chunks of one secure channel under one security policy and mode (OPC UA Part 6, 6.7): padding,
/// signature and encryption of OPN chunks with the certificates' RSA keys (asymmetric), and of MSG/CLO chunks with
/// keys derived from the client and server nonces (symmetric). Also signs and checks the session's proofs of
/// possession (Part 4, 5.6.2/5.6.3) and encrypts user name passwords (Part 4, 7.41).
/// </summary>
/// <remarks>
/// Chunk layout as the secure channel hands it over: <c>[0, headerLength)</c> holds the message header (type, chunk
/// type, size, secure channel id) and the security header (asymmetric: policy URI, sender certificate, receiver
/// thumbprint; symmetric: token id), written by the channel; from <c>headerLength</c> follows the plain text (sequence
/// header and body). <see cref="Protect"/> appends padding and signature, encrypts what the mode requires and writes
/// the final size into bytes 4..7; <see cref="Unprotect"/> reverses that in place. One instance serves one channel;
/// calls for one direction are made by one thread at a time (the channel serialises sends and receives).
/// </remarks>
public interface IChannelSecurity
{
    /// <summary>The security policy URI sent in the asymmetric header, e.g. <c>http://opcfoundation.org/UA/SecurityPolicy#None</c>.</summary>
    string PolicyUri { get; }

    /// <summary>The mode of the channel.</summary>
    MessageSecurityMode Mode { get; }

    /// <summary>The client's certificate (DER) for the asymmetric header and CreateSession; empty for None.</summary>
    ReadOnlyMemory<byte> LocalCertificate { get; }

    /// <summary>The SHA-1 thumbprint of the server's certificate for the asymmetric header; empty for None.</summary>
    ReadOnlyMemory<byte> RemoteCertificateThumbprint { get; }

    /// <summary>The length in bytes of the nonces the policy needs (0 for None, 32 for Basic256Sha256).</summary>
    int NonceLength { get; }

    /// <summary>
    /// The largest plain text (sequence header and body) that fits in one chunk of <paramref name="chunkSize"/> bytes
    /// whose headers take <paramref name="headerLength"/> bytes, after padding and signature.
    /// </summary>
    int MaxPlainTextSize(int chunkSize, int headerLength, bool asymmetric);

    /// <summary>
    /// Secures a chunk in place: adds padding and signature, encrypts, sets the message size; returns the chunk's
    /// final length. <paramref name="chunk"/> must be at least the negotiated chunk size long.
    /// </summary>
    int Protect(Span<byte> chunk, int headerLength, int plainTextLength, bool asymmetric);

    /// <summary>
    /// Opens a received chunk in place: decrypts, verifies the signature, removes padding; returns the length of the
    /// plain text (sequence header and body) that now starts at <paramref name="headerLength"/>.
    /// <paramref name="tokenId"/> selects the symmetric keys (ignored for asymmetric chunks).
    /// </summary>
    /// <exception cref="OpcUaSecurityException">The signature does not match or the chunk is malformed.</exception>
    int Unprotect(Span<byte> chunk, int headerLength, bool asymmetric, uint tokenId);

    /// <summary>
    /// Derives the symmetric keys of a security token from the nonces exchanged in OpenSecureChannel
    /// (P_SHA256 per Part 6, 6.7.5). Keys of the previous token stay usable for receiving until it expires.
    /// </summary>
    void ActivateToken(uint tokenId, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce);

    /// <summary>A fresh random nonce of <see cref="NonceLength"/> bytes.</summary>
    byte[] CreateNonce();

    /// <summary>
    /// The client's proof of possession for CreateSession/ActivateSession: the signature over
    /// <c>serverCertificate ‖ serverNonce</c> and its algorithm URI; (null, empty) for None.
    /// </summary>
    (string? Algorithm, byte[] Signature) SignSessionData(ReadOnlySpan<byte> serverCertificate, ReadOnlySpan<byte> serverNonce);

    /// <summary>Checks the server's signature over <c>clientCertificate ‖ clientNonce</c>; always true for None.</summary>
    bool VerifySessionData(ReadOnlySpan<byte> clientCertificate, ReadOnlySpan<byte> clientNonce, string? algorithm, ReadOnlySpan<byte> signature);
}
