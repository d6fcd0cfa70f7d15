using System.Security.Cryptography;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>
/// The symmetric keys of one direction of one security token under Basic256Sha256 (Part 6, 6.7.5): a 32-byte HMAC-SHA256
/// signing key, a 32-byte AES-256 encrypting key and a 16-byte CBC initialization vector, taken in that order from
/// P_SHA256(secret, seed). The AES instance is used by one thread at a time (the channel's sender or its receiver).
/// </summary>
internal sealed class Basic256Sha256Keys : IDisposable
{
    public const int SigningKeyLength = 32;
    public const int EncryptingKeyLength = 32;
    public const int BlockSize = 16;
    public const int DerivedLength = SigningKeyLength + EncryptingKeyLength + BlockSize;

    private readonly Aes _aes;

    public Basic256Sha256Keys(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> seed)
    {
        Span<byte> material = stackalloc byte[DerivedLength];
        PSha256.Derive(secret, seed, material);
        SigningKey = material[..SigningKeyLength].ToArray();
        InitializationVector = material.Slice(SigningKeyLength + EncryptingKeyLength, BlockSize).ToArray();
        _aes = Aes.Create();
        _aes.Key = material.Slice(SigningKeyLength, EncryptingKeyLength).ToArray();
        CryptographicOperations.ZeroMemory(material);
    }

    public byte[] SigningKey { get; }

    public byte[] InitializationVector { get; }

    /// <summary>AES-256-CBC without padding over whole blocks, in place.</summary>
    public void Encrypt(Span<byte> data) => _aes.EncryptCbc(data, InitializationVector, data, PaddingMode.None);

    /// <summary>AES-256-CBC without padding over whole blocks, in place.</summary>
    public void Decrypt(Span<byte> data) => _aes.DecryptCbc(data, InitializationVector, data, PaddingMode.None);

    /// <summary>HMAC-SHA256 of <paramref name="data"/> into <paramref name="signature"/> (32 bytes).</summary>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => HMACSHA256.HashData(SigningKey, data, signature);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(SigningKey);
        _aes.Dispose();
    }
}
