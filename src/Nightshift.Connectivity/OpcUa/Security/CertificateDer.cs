using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>
/// Helpers for DER certificates as OPC UA carries them: a ByteString may hold a chain (the leaf followed by its
/// issuers, concatenated); the leaf is the first DER element. Stateless and thread-safe.
/// </summary>
public static class CertificateDer
{
    /// <summary>The length of the first DER element (the leaf certificate) of <paramref name="chain"/>.</summary>
    /// <exception cref="OpcUaSecurityException">The bytes do not start with a DER SEQUENCE that fits (BadCertificateInvalid).</exception>
    public static int LeafLength(ReadOnlySpan<byte> chain)
    {
        if (chain.Length < 2 || chain[0] != 0x30)
        {
            throw Invalid();
        }

        int length;
        int headerLength;
        if (chain[1] < 0x80)
        {
            length = chain[1];
            headerLength = 2;
        }
        else
        {
            var count = chain[1] & 0x7F;
            if (count is 0 or > 3 || chain.Length < 2 + count)
            {
                throw Invalid();
            }

            length = 0;
            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | chain[2 + i];
            }

            headerLength = 2 + count;
        }

        var total = headerLength + length;
        return total <= chain.Length ? total : throw Invalid();
    }

    /// <summary>The leaf certificate of <paramref name="chain"/> (a DER certificate or a chain).</summary>
    /// <exception cref="OpcUaSecurityException">The bytes are not a certificate (BadCertificateInvalid).</exception>
    public static X509Certificate2 LoadLeaf(ReadOnlySpan<byte> chain)
    {
        var length = LeafLength(chain);
        try
        {
            return X509CertificateLoader.LoadCertificate(chain[..length]);
        }
        catch (CryptographicException ex)
        {
            throw new OpcUaSecurityException($"The certificate cannot be read: {ex.Message}", SecurityStatusCodes.BadCertificateInvalid);
        }
    }

    /// <summary>The SHA-1 thumbprint (20 bytes) of the leaf certificate, as the asymmetric security header carries it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "OPC UA Part 6 defines the certificate thumbprint as SHA-1; it identifies, it does not protect.")]
    public static byte[] Thumbprint(ReadOnlySpan<byte> chain) => SHA1.HashData(chain[..LeafLength(chain)]);

    private static OpcUaSecurityException Invalid() =>
        new("The certificate is not a DER encoded X.509 certificate.", SecurityStatusCodes.BadCertificateInvalid);
}
