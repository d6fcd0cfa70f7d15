using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>
/// The OPC UA certificates of this application under one folder given by the caller:
/// <list type="bullet">
/// <item><c>own/</c>: the application instance certificate with its private key (<c>nightshift.pfx</c>, readable by the
/// owner only) and the certificate alone (<c>nightshift.der</c>) to hand to servers; created on first use (RSA 2048,
/// SHA-256, 5 years, CN=Nightshift, the application URI <c>urn:{host}:Nightshift</c> and the host name in the
/// subject alternative name, the key usages of Part 6, 6.2.2) and replaced when expired;</item>
/// <item><c>trusted/</c>: the trust list: server certificates (or the CA certificates that issued them) as DER or PEM
/// files (<c>.der</c>, <c>.cer</c>, <c>.crt</c>, <c>.pem</c>), read on every check so that a file moved there takes
/// effect at once;</item>
/// <item><c>rejected/</c>: where an unknown server certificate is written when it is refused, for an operator to
/// inspect and move into <c>trusted/</c>.</item>
/// </list>
/// Thread-safe. Dispose it when the application stops (it owns the application certificate it returns).
/// </summary>
public sealed partial class CertificateStore : IDisposable
{
    /// <summary>The file name of the application certificate with its private key, under <see cref="OwnFolder"/>.</summary>
    public const string CertificateFileName = "nightshift.pfx";

    /// <summary>The file name of the application certificate alone (DER), under <see cref="OwnFolder"/>.</summary>
    public const string PublicCertificateFileName = "nightshift.der";

    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly CertificateStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _ownGate = new(1, 1);
    private readonly Lock _trustGate = new();
    private X509Certificate2? _own;

    /// <summary>Creates the store; folders are created when first needed.</summary>
    /// <param name="folder">The root folder, e.g. <c>data/pki</c>.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="timeProvider">The clock for validity checks and new certificates; the system clock when null.</param>
    /// <param name="logger">Where refusals and new certificates are logged.</param>
    public CertificateStore(string folder, CertificateStoreOptions? options = null, TimeProvider? timeProvider = null, ILogger<CertificateStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _options = options ?? new CertificateStoreOptions();
        if (_options.KeySize is < Basic256Sha256Security.MinimumKeySize or > Basic256Sha256Security.MaximumKeySize)
        {
            throw new ArgumentException($"The key size must be 2048 to 4096 bits, not {_options.KeySize}.", nameof(options));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Folder = Path.GetFullPath(folder);
        OwnFolder = Path.Combine(Folder, "own");
        TrustedFolder = Path.Combine(Folder, "trusted");
        RejectedFolder = Path.Combine(Folder, "rejected");
        HostName = string.IsNullOrWhiteSpace(_options.HostName) ? Dns.GetHostName() : _options.HostName;
        ApplicationUri = $"urn:{HostName}:Nightshift";
    }

    /// <summary>The root folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>The folder of the application certificate.</summary>
    public string OwnFolder { get; }

    /// <summary>The trust list folder.</summary>
    public string TrustedFolder { get; }

    /// <summary>The folder of refused certificates.</summary>
    public string RejectedFolder { get; }

    /// <summary>The host name in the application certificate.</summary>
    public string HostName { get; }

    /// <summary>The application URI, <c>urn:{host}:Nightshift</c>: the client's ApplicationDescription must carry it.</summary>
    public string ApplicationUri { get; }

    /// <summary>
    /// The application instance certificate with its private key: loaded from <c>own/</c>, or created there when missing,
    /// expired or made for another application URI. The store owns it: do not dispose it.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be read or written.</exception>
    public async Task<X509Certificate2> GetApplicationCertificateAsync(CancellationToken cancellationToken)
    {
        await _ownGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_own is not null && IsCurrent(_own))
            {
                return _own;
            }

            var path = Path.Combine(OwnFolder, CertificateFileName);
            if (_own is null && File.Exists(path))
            {
                var loaded = await LoadOwnAsync(path, cancellationToken).ConfigureAwait(false);
                if (loaded is not null && IsCurrent(loaded))
                {
                    _own = loaded;
                    return loaded;
                }

                loaded?.Dispose();
                CertificateStoreLog.Replacing(_logger, path, ApplicationUri);
            }

            var created = CreateApplicationCertificate();
            await WriteOwnAsync(created, path, cancellationToken).ConfigureAwait(false);
            var notAfter = created.NotAfter.ToUniversalTime();
            CertificateStoreLog.Created(_logger, created.Subject, created.Thumbprint, ApplicationUri, notAfter, path);
            _own?.Dispose();
            _own = created;
            return created;
        }
        finally
        {
            _ownGate.Release();
        }
    }

    /// <summary>The application URI in a certificate's subject alternative name, or null when it has none.</summary>
    public static string? ApplicationUriOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                return UriOf(san);
            }
        }

        return null;
    }

    /// <summary>Disposes the application certificate.</summary>
    public void Dispose()
    {
        _own?.Dispose();
        _own = null;
        _ownGate.Dispose();
    }

    private bool IsCurrent(X509Certificate2 certificate)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        return certificate.HasPrivateKey
            && now >= certificate.NotBefore.ToUniversalTime()
            && now <= certificate.NotAfter.ToUniversalTime()
            && string.Equals(ApplicationUriOf(certificate), ApplicationUri, StringComparison.Ordinal);
    }

    private async Task<X509Certificate2?> LoadOwnAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return X509CertificateLoader.LoadPkcs12(bytes, password: null);
        }
        catch (CryptographicException ex)
        {
            CertificateStoreLog.Unreadable(_logger, path, ex.Message);
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private X509Certificate2 CreateApplicationCertificate()
    {
        using var key = RSA.Create(_options.KeySize);
        var request = new CertificateRequest(
            new X500DistinguishedName("CN=Nightshift, O=Nightshift"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment
            | X509KeyUsageFlags.DataEncipherment | X509KeyUsageFlags.KeyCertSign,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid), new Oid(ClientAuthOid)], critical: false));
        var subjectKeyIdentifier = new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false);
        request.CertificateExtensions.Add(subjectKeyIdentifier);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKeyIdentifier));
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(ApplicationUri));
        names.AddDnsName(HostName);
        request.CertificateExtensions.Add(names.Build());
        var now = _timeProvider.GetUtcNow();
        var notBefore = now.AddDays(-1);
        return request.CreateSelfSigned(notBefore, now.Add(_options.Validity));
    }

    private async Task WriteOwnAsync(X509Certificate2 certificate, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(OwnFolder);
        var pfx = certificate.Export(X509ContentType.Pkcs12);
        try
        {
            var temporary = path + ".tmp";
            var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // The private key is readable by the owner only.
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var stream = new FileStream(temporary, fileOptions))
            {
                await stream.WriteAsync(pfx, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pfx);
        }

        await File.WriteAllBytesAsync(Path.Combine(OwnFolder, PublicCertificateFileName), certificate.RawData, cancellationToken).ConfigureAwait(false);
    }

    private static string? UriOf(X509SubjectAlternativeNameExtension san)
    {
        // EnumerateUris is not offered by .NET; the URI is read from the extension's ASN.1 (GeneralName [6] IA5String).
        var reader = new AsnReader(san.RawData, AsnEncodingRules.DER);
        var names = reader.ReadSequence();
        var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag == uriTag)
            {
                return names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag);
            }

            names.ReadEncodedValue();
        }

        return null;
    }
}
