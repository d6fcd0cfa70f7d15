using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>The trust list: checking server certificates, refusing unknown ones, trusting them.</summary>
public sealed partial class CertificateStore
{
    private static readonly string[] TrustListExtensions = [".der", ".cer", ".crt", ".pem"];

    /// <summary>
    /// Checks a server's certificate before a secure channel is opened with it: it must be readable, within its validity
    /// period, carry <paramref name="expectedApplicationUri"/> when one is given, and be in the trust list (itself, or
    /// issued by a CA certificate there). An unknown certificate is written to <c>rejected/</c> and refused, unless trust
    /// on first use applies (<see cref="CertificateStoreOptions.TrustOnFirstUse"/>).
    /// </summary>
    /// <param name="certificate">The server certificate (DER, or a chain whose first element is the server's).</param>
    /// <param name="expectedApplicationUri">The server's application URI from its endpoint description, or null to skip that check.</param>
    /// <param name="cancellationToken">Cancels between file accesses.</param>
    /// <exception cref="OpcUaSecurityException">
    /// BadCertificateInvalid (unreadable), BadCertificateTimeInvalid (not yet or no longer valid), BadCertificateUriInvalid
    /// (another application URI), BadCertificateUntrusted (not in the trust list; the message names the file to move).
    /// </exception>
    /// <remarks>Synchronous on purpose: it reads a few small local files and is called where a channel is being set up
    /// (see <see cref="CreateSecurityFactory"/>).</remarks>
    public void Validate(ReadOnlySpan<byte> certificate, string? expectedApplicationUri, CancellationToken cancellationToken)
    {
        using var leaf = CertificateDer.LoadLeaf(certificate);
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (now < leaf.NotBefore.ToUniversalTime() || now > leaf.NotAfter.ToUniversalTime())
        {
            throw new OpcUaSecurityException(
                $"The server certificate {leaf.Subject} ({leaf.Thumbprint}) is valid from {leaf.NotBefore.ToUniversalTime():O} to {leaf.NotAfter.ToUniversalTime():O}, not now ({now:O}).",
                SecurityStatusCodes.BadCertificateTimeInvalid);
        }

        var applicationUri = ApplicationUriOf(leaf);
        if (expectedApplicationUri is not null && !string.Equals(applicationUri, expectedApplicationUri, StringComparison.Ordinal))
        {
            throw new OpcUaSecurityException(
                $"The server certificate {leaf.Subject} is made for the application URI '{applicationUri}', not '{expectedApplicationUri}'.",
                SecurityStatusCodes.BadCertificateUriInvalid);
        }

        lock (_trustGate)
        {
            var trusted = LoadTrusted(cancellationToken);
            try
            {
                if (IsTrusted(leaf, certificate, trusted, now))
                {
                    return;
                }

                if (_options.TrustOnFirstUse && !trusted.Any(t => applicationUri is not null && string.Equals(ApplicationUriOf(t), applicationUri, StringComparison.Ordinal)))
                {
                    var path = Write(TrustedFolder, leaf);
                    CertificateStoreLog.TrustedOnFirstUse(_logger, leaf.Subject, leaf.Thumbprint, path);
                    return;
                }

                var rejected = Write(RejectedFolder, leaf);
                CertificateStoreLog.Rejected(_logger, leaf.Subject, leaf.Thumbprint, rejected, TrustedFolder);
                throw new OpcUaSecurityException(
                    $"BadCertificateUntrusted: the server certificate {leaf.Subject} ({leaf.Thumbprint}, application URI '{applicationUri}') is not in the trust list. "
                    + $"It was saved as {rejected}; to trust this server, move that file into {TrustedFolder}.",
                    SecurityStatusCodes.BadCertificateUntrusted);
            }
            finally
            {
                foreach (var item in trusted)
                {
                    item.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// Adds a certificate to the trust list (as <c>trusted/{name}_{thumbprint}.der</c>, removing it from <c>rejected/</c>);
    /// returns the file's path.
    /// </summary>
    /// <exception cref="OpcUaSecurityException">The bytes are not a certificate (BadCertificateInvalid).</exception>
    public string Trust(ReadOnlySpan<byte> certificate)
    {
        using var leaf = CertificateDer.LoadLeaf(certificate);
        lock (_trustGate)
        {
            var path = Write(TrustedFolder, leaf);
            var rejected = Path.Combine(RejectedFolder, FileNameOf(leaf));
            if (File.Exists(rejected))
            {
                File.Delete(rejected);
            }

            return path;
        }
    }

    /// <summary>The file name a certificate gets in <c>trusted/</c> or <c>rejected/</c>: its common name and SHA-1 thumbprint.</summary>
    public static string FileNameOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var safe = new string((string.IsNullOrEmpty(name) ? "certificate" : name)
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')
            .ToArray());
        return $"{safe}_{certificate.Thumbprint}.der";
    }

    private static bool IsTrusted(X509Certificate2 leaf, ReadOnlySpan<byte> chain, List<X509Certificate2> trusted, DateTime now)
    {
        foreach (var item in trusted)
        {
            if (item.RawData.AsSpan().SequenceEqual(leaf.RawData))
            {
                return true;
            }
        }

        // Not listed itself: trusted when it chains to a CA certificate of the trust list (issuers the server sent in
        // its chain may fill the gaps; the roots must be in the list).
        var authorities = trusted.Where(IsAuthority).ToList();
        if (authorities.Count == 0)
        {
            return false;
        }

        using var builder = new X509Chain();
        builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        builder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        builder.ChainPolicy.VerificationTime = now;
        builder.ChainPolicy.CustomTrustStore.AddRange(authorities.ToArray());
        var rest = chain[CertificateDer.LeafLength(chain)..];
        var extra = new List<X509Certificate2>();
        try
        {
            while (!rest.IsEmpty)
            {
                var length = CertificateDer.LeafLength(rest);
                extra.Add(CertificateDer.LoadLeaf(rest[..length]));
                rest = rest[length..];
            }

            builder.ChainPolicy.ExtraStore.AddRange(extra.ToArray());
            return builder.Build(leaf);
        }
        finally
        {
            foreach (var item in extra)
            {
                item.Dispose();
            }
        }
    }

    private static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    private List<X509Certificate2> LoadTrusted(CancellationToken cancellationToken)
    {
        var result = new List<X509Certificate2>();
        if (!Directory.Exists(TrustedFolder))
        {
            return result;
        }

        foreach (var path in Directory.EnumerateFiles(TrustedFolder))
        {
            if (!TrustListExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var bytes = File.ReadAllBytes(path);
            try
            {
                result.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
            catch (CryptographicException ex)
            {
                CertificateStoreLog.Unreadable(_logger, path, ex.Message);
            }
        }

        return result;
    }

    private static string Write(string folder, X509Certificate2 certificate)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileNameOf(certificate));
        File.WriteAllBytes(path, certificate.RawData);
        return path;
    }
}
