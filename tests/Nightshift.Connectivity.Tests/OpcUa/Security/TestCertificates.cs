using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nightshift.Connectivity.Tests.OpcUa.Security;

/// <summary>Self-signed RSA certificates for the tests, made once per key size and name (RSA 4096 takes a while).</summary>
internal static class TestCertificates
{
    private static readonly ConcurrentDictionary<(string Name, int KeySize), Lazy<X509Certificate2>> Made = new();

    public static X509Certificate2 Get(string name, int keySize = 2048) =>
        Made.GetOrAdd((name, keySize), k => new Lazy<X509Certificate2>(() => Create(k.Name, k.KeySize, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1)))).Value;

    public static X509Certificate2 Create(string name, int keySize, DateTimeOffset notBefore, DateTimeOffset notAfter, string? applicationUri = null, bool authority = false)
    {
        using var key = RSA.Create(keySize);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(authority, false, 0, true));
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(applicationUri ?? $"urn:test:{name}"));
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetRSAPrivateKey()!;
        return key.ExportPkcs8PrivateKeyPem();
    }

    public static string CertificatePem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    public static int KeyBytes(X509Certificate2 certificate)
    {
        using var key = certificate.GetRSAPublicKey()!;
        return key.KeySize / 8;
    }
}
