using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Nightshift.Connectivity.OpcUa.Client;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>Encryption of user name passwords for ActivateSession.</summary>
public sealed partial class Basic256Sha256Security : IUserPasswordEncryptor
{
    // The user token policies whose password encryption is RSA-OAEP with SHA-1 (Part 7): Basic256Sha256, Basic256 and
    // Aes128_Sha256_RsaOaep. Others (Basic128Rsa15's PKCS#1 v1.5, Aes256_Sha256_RsaPss's OAEP-SHA256) are refused.
    private static readonly string[] OaepSha1Policies =
    [
        SecurityPolicyUri,
        "http://opcfoundation.org/UA/SecurityPolicy#Basic256",
        "http://opcfoundation.org/UA/SecurityPolicy#Aes128_Sha256_RsaOaep",
    ];

    /// <summary>
    /// Encrypts a password under the channel's server certificate for a user token policy naming
    /// <paramref name="securityPolicyUri"/>; see <see cref="EncryptUserPassword(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.
    /// </summary>
    /// <exception cref="OpcUaSecurityException">The policy needs another algorithm (BadSecurityPolicyRejected).</exception>
    public (byte[] Secret, string Algorithm) EncryptUserPassword(ReadOnlySpan<byte> password, ReadOnlySpan<byte> serverNonce, string securityPolicyUri)
    {
        if (!OaepSha1Policies.Contains(securityPolicyUri, StringComparer.Ordinal))
        {
            throw new OpcUaSecurityException(
                $"Passwords cannot be encrypted for the user token policy {securityPolicyUri}.", SecurityStatusCodes.BadSecurityPolicyRejected);
        }

        return (EncryptUserPassword(password, serverNonce, _remoteCertificateDer), PasswordEncryptionAlgorithmUri);
    }

    /// <summary>
    /// Encrypts the password of a UserNameIdentityToken for ActivateSession (Part 4, 7.41, the legacy encrypted secret
    /// format): <c>length ‖ password ‖ serverNonce</c>, where length is a little-endian Int32 counting the password and
    /// the nonce, encrypted with RSA-OAEP (SHA-1) under the server certificate's public key in blocks of
    /// <c>keySize/8 - 42</c> bytes. Put the result in the token's <c>password</c> and
    /// <see cref="PasswordEncryptionAlgorithmUri"/> in its <c>encryptionAlgorithm</c>.
    /// </summary>
    /// <param name="password">The password in UTF-8.</param>
    /// <param name="serverNonce">The last server nonce (from CreateSession or the previous ActivateSession).</param>
    /// <param name="serverCertificate">The server's certificate (DER, or a chain whose first element is the server's).</param>
    /// <returns>The encrypted secret. Thread-safe.</returns>
    /// <exception cref="OpcUaSecurityException">The certificate cannot be read or has no RSA key of 2048-4096 bits.</exception>
    public static byte[] EncryptUserPassword(ReadOnlySpan<byte> password, ReadOnlySpan<byte> serverNonce, ReadOnlySpan<byte> serverCertificate)
    {
        using var certificate = CertificateDer.LoadLeaf(serverCertificate);
        using var key = certificate.GetRSAPublicKey()
            ?? throw new OpcUaSecurityException("The server's certificate has no RSA public key.", SecurityStatusCodes.BadCertificateUseNotAllowed);
        var cipherBlock = CheckedKeyBytes(key.KeySize, "server's");
        var plainBlock = cipherBlock - OaepSha1Overhead;
        var secret = new byte[4 + password.Length + serverNonce.Length];
        BinaryPrimitives.WriteInt32LittleEndian(secret, password.Length + serverNonce.Length);
        password.CopyTo(secret.AsSpan(4));
        serverNonce.CopyTo(secret.AsSpan(4 + password.Length));
        var blocks = (secret.Length + plainBlock - 1) / plainBlock;
        var result = new byte[blocks * cipherBlock];
        for (var i = 0; i < blocks; i++)
        {
            var plain = secret.AsSpan(i * plainBlock, Math.Min(plainBlock, secret.Length - (i * plainBlock)));
            if (!key.TryEncrypt(plain, result.AsSpan(i * cipherBlock, cipherBlock), RSAEncryptionPadding.OaepSHA1, out var written)
                || written != cipherBlock)
            {
                throw new OpcUaSecurityException("The password could not be encrypted.");
            }
        }

        CryptographicOperations.ZeroMemory(secret);
        return result;
    }

    /// <summary>
    /// Encrypts a password given as a string (sent as UTF-8); see
    /// <see cref="EncryptUserPassword(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.
    /// </summary>
    /// <exception cref="OpcUaSecurityException">The certificate cannot be read or has no RSA key of 2048-4096 bits.</exception>
    public static byte[] EncryptUserPassword(string password, ReadOnlySpan<byte> serverNonce, ReadOnlySpan<byte> serverCertificate)
    {
        ArgumentNullException.ThrowIfNull(password);
        var bytes = System.Text.Encoding.UTF8.GetBytes(password);
        try
        {
            return EncryptUserPassword(bytes, serverNonce, serverCertificate);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
