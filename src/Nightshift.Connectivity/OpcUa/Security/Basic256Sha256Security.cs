using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>
/// The SecurityPolicy Basic256Sha256 (OPC UA Part 7; Part 6, 6.7) for one secure channel in mode Sign or SignAndEncrypt.
/// Asymmetric (OPN) chunks are always signed with the local private key (RSA PKCS#1 v1.5, SHA-256) and encrypted with the
/// peer's public key (RSA-OAEP, SHA-1), in both modes, as Part 6 requires. Symmetric (MSG, CLO) chunks are signed with
/// HMAC-SHA256 and, in SignAndEncrypt, encrypted with AES-256-CBC; their keys are derived per security token from the
/// nonces with <see cref="PSha256"/>.
/// </summary>
/// <remarks>
/// <para>Thread-safety: as <see cref="IChannelSecurity"/> requires, one thread at a time sends and one receives; the two may
/// run at once, and <see cref="ActivateToken"/> may be called from either. The token table is guarded by a lock; the
/// cryptography runs outside it.</para>
/// <para>Tokens: after <see cref="ActivateToken"/> every chunk sent uses the new token (Part 6, 6.7.4: a client uses a new
/// token as soon as it has it). Received chunks may still come under the previous token until the next renewal: Part 6
/// asks clients to accept an expired token for a quarter of its lifetime, and a server may answer requests it received
/// under the old token after it has already used the new one (node-opcua answers outstanding Publish requests so).
/// Renewing at 75 % of the lifetime keeps the previous token for at least that window.</para>
/// <para>The peer's certificate must have been accepted (e.g. by <see cref="CertificateStore.Validate"/>) before the
/// channel is opened; this class only checks that the asymmetric header names the certificates it was built with.</para>
/// Dispose the instance when the channel is closed.
/// </remarks>
public sealed partial class Basic256Sha256Security : IChannelSecurity, IDisposable
{
    /// <summary>The policy URI.</summary>
    public const string SecurityPolicyUri = "http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256";

    /// <summary>The algorithm URI of the session signatures (RSA PKCS#1 v1.5 with SHA-256).</summary>
    public const string SignatureAlgorithmUri = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    /// <summary>The algorithm URI of an encrypted user name password (RSA-OAEP with SHA-1).</summary>
    public const string PasswordEncryptionAlgorithmUri = "http://www.w3.org/2001/04/xmlenc#rsa-oaep";

    /// <summary>The smallest RSA key the policy allows, in bits.</summary>
    public const int MinimumKeySize = 2048;

    /// <summary>The largest RSA key the policy allows, in bits.</summary>
    public const int MaximumKeySize = 4096;

    private const int NonceSize = 32;
    private const int SymmetricSignatureSize = 32;
    private const int SequenceHeaderSize = 8;

    // RSA-OAEP with SHA-1 takes 2 * 20 + 2 bytes of each block for its own padding.
    private const int OaepSha1Overhead = 42;

    private readonly bool _isServer;
    private readonly RSA _localKey;
    private readonly byte[] _localCertificateDer;
    private readonly byte[] _localThumbprint;
    private readonly X509Certificate2 _remoteCertificate;
    private readonly RSA _remoteKey;
    private readonly byte[] _remoteCertificateDer;
    private readonly byte[] _remoteThumbprint;
    private readonly int _localKeyBytes;
    private readonly int _remoteKeyBytes;
    private readonly Lock _gate = new();
    private Basic256Sha256Token? _current;
    private Basic256Sha256Token? _previous;

    /// <summary>Creates the security of a client's channel.</summary>
    /// <param name="localCertificate">The client's application instance certificate with its RSA private key.</param>
    /// <param name="remoteCertificate">The server's certificate (DER, or a chain whose first element is the server's).</param>
    /// <param name="mode">Sign or SignAndEncrypt.</param>
    /// <exception cref="ArgumentException">The mode is not Sign or SignAndEncrypt, or the local certificate has no RSA private key.</exception>
    /// <exception cref="OpcUaSecurityException">A certificate cannot be read or its key size is outside 2048-4096 bits.</exception>
    public Basic256Sha256Security(X509Certificate2 localCertificate, ReadOnlySpan<byte> remoteCertificate, MessageSecurityMode mode)
        : this(localCertificate, remoteCertificate, mode, isServer: false)
    {
    }

    /// <summary>Creates the security of either end of a channel; the server end serves tests and a future server.</summary>
    internal Basic256Sha256Security(X509Certificate2 localCertificate, ReadOnlySpan<byte> remoteCertificate, MessageSecurityMode mode, bool isServer)
    {
        ArgumentNullException.ThrowIfNull(localCertificate);
        if (mode is not (MessageSecurityMode.Sign or MessageSecurityMode.SignAndEncrypt))
        {
            throw new ArgumentException($"Basic256Sha256 needs the mode Sign or SignAndEncrypt, not {mode}.", nameof(mode));
        }

        Mode = mode;
        _isServer = isServer;
        _localKey = localCertificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("The local certificate has no RSA private key.", nameof(localCertificate));
        _localCertificateDer = localCertificate.RawData;
        _localThumbprint = CertificateDer.Thumbprint(_localCertificateDer);
        _remoteCertificateDer = remoteCertificate[..CertificateDer.LeafLength(remoteCertificate)].ToArray();
        _remoteCertificate = CertificateDer.LoadLeaf(_remoteCertificateDer);
        _remoteKey = _remoteCertificate.GetRSAPublicKey()
            ?? throw new OpcUaSecurityException("The peer's certificate has no RSA public key.", SecurityStatusCodes.BadCertificateUseNotAllowed);
        _remoteThumbprint = CertificateDer.Thumbprint(_remoteCertificateDer);
        _localKeyBytes = CheckedKeyBytes(_localKey.KeySize, "local");
        _remoteKeyBytes = CheckedKeyBytes(_remoteKey.KeySize, "peer's");
    }

    /// <inheritdoc/>
    public string PolicyUri => SecurityPolicyUri;

    /// <inheritdoc/>
    public MessageSecurityMode Mode { get; }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> LocalCertificate => _localCertificateDer;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> RemoteCertificateThumbprint => _remoteThumbprint;

    /// <inheritdoc/>
    public int NonceLength => NonceSize;

    /// <summary>The id of the token that secures chunks sent now; null before the first <see cref="ActivateToken"/>.</summary>
    public uint? CurrentTokenId
    {
        get
        {
            lock (_gate)
            {
                return _current?.TokenId;
            }
        }
    }

    /// <inheritdoc/>
    public int MaxPlainTextSize(int chunkSize, int headerLength, bool asymmetric)
    {
        var room = chunkSize - headerLength;
        if (asymmetric)
        {
            var blocks = room / _remoteKeyBytes;
            var paddingHeader = _remoteKeyBytes > MinimumKeySize / 8 ? 2 : 1;
            return Math.Max(0, (blocks * (_remoteKeyBytes - OaepSha1Overhead)) - _localKeyBytes - paddingHeader);
        }

        return Mode == MessageSecurityMode.Sign
            ? Math.Max(0, room - SymmetricSignatureSize)
            : Math.Max(0, (room / Basic256Sha256Keys.BlockSize * Basic256Sha256Keys.BlockSize) - SymmetricSignatureSize - 1);
    }

    /// <inheritdoc/>
    public int Protect(Span<byte> chunk, int headerLength, int plainTextLength, bool asymmetric)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(headerLength, 12);
        ArgumentOutOfRangeException.ThrowIfNegative(plainTextLength);
        return asymmetric
            ? ProtectAsymmetric(chunk, headerLength, plainTextLength)
            : ProtectSymmetric(chunk, headerLength, plainTextLength);
    }

    /// <inheritdoc/>
    public int Unprotect(Span<byte> chunk, int headerLength, bool asymmetric, uint tokenId)
    {
        if (chunk.Length < 12 || headerLength < 12)
        {
            throw new OpcUaSecurityException("The chunk is shorter than its message header.");
        }

        var messageSize = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
        if (messageSize > (uint)chunk.Length || messageSize <= (uint)headerLength)
        {
            throw new OpcUaSecurityException($"The chunk's message size {messageSize} does not fit the {chunk.Length} bytes received.");
        }

        var message = chunk[..(int)messageSize];
        return asymmetric
            ? UnprotectAsymmetric(message, headerLength)
            : UnprotectSymmetric(message, headerLength, tokenId);
    }

    /// <inheritdoc/>
    /// <exception cref="OpcUaSecurityException">A nonce is not 32 bytes long (BadNonceInvalid).</exception>
    public void ActivateToken(uint tokenId, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce)
    {
        if (clientNonce.Length != NonceSize || serverNonce.Length != NonceSize)
        {
            throw new OpcUaSecurityException(
                $"Basic256Sha256 needs 32-byte nonces; got {clientNonce.Length} (client) and {serverNonce.Length} (server).",
                SecurityStatusCodes.BadNonceInvalid);
        }

        var token = new Basic256Sha256Token(tokenId, clientNonce, serverNonce);
        lock (_gate)
        {
            // The token before the previous one is no longer used by either direction. It is left to the finalizer
            // rather than disposed: a receive may still be running with it.
            _previous = _current;
            _current = token;
        }
    }

    /// <inheritdoc/>
    public byte[] CreateNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    /// <inheritdoc/>
    public (string? Algorithm, byte[] Signature) SignSessionData(ReadOnlySpan<byte> serverCertificate, ReadOnlySpan<byte> serverNonce)
    {
        var data = Concat(serverCertificate, serverNonce);
        return (SignatureAlgorithmUri, _localKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <inheritdoc/>
    public bool VerifySessionData(ReadOnlySpan<byte> clientCertificate, ReadOnlySpan<byte> clientNonce, string? algorithm, ReadOnlySpan<byte> signature)
    {
        if (!string.Equals(algorithm, SignatureAlgorithmUri, StringComparison.Ordinal))
        {
            return false;
        }

        var data = Concat(clientCertificate, clientNonce);
        return _remoteKey.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>Disposes the keys.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Dispose();
            _previous?.Dispose();
            _current = null;
            _previous = null;
        }

        _localKey.Dispose();
        _remoteKey.Dispose();
        _remoteCertificate.Dispose();
    }

    private static int CheckedKeyBytes(int keySize, string whose)
    {
        if (keySize is < MinimumKeySize or > MaximumKeySize)
        {
            throw new OpcUaSecurityException(
                $"The {whose} RSA key has {keySize} bits; Basic256Sha256 needs {MinimumKeySize} to {MaximumKeySize}.",
                SecurityStatusCodes.BadCertificateUseNotAllowed);
        }

        return keySize / 8;
    }

    private static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var data = new byte[first.Length + second.Length];
        first.CopyTo(data);
        second.CopyTo(data.AsSpan(first.Length));
        return data;
    }
}
