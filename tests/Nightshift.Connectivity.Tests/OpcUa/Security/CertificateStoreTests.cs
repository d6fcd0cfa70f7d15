using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Connectivity.OpcUa.Security;

namespace Nightshift.Connectivity.Tests.OpcUa.Security;

public sealed class CertificateStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nightshift-pki-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_application_certificate_is_created_on_first_use_as_Part_6_asks()
    {
        using var store = NewStore();

        var certificate = await store.GetApplicationCertificateAsync(TestContext.Current.CancellationToken);

        certificate.HasPrivateKey.ShouldBeTrue();
        certificate.GetNameInfo(X509NameType.SimpleName, false).ShouldBe("Nightshift");
        using (var key = certificate.GetRSAPublicKey()!)
        {
            key.KeySize.ShouldBe(2048);
        }

        certificate.SignatureAlgorithm.Value.ShouldBe("1.2.840.113549.1.1.11"); // sha256WithRSAEncryption
        (certificate.NotAfter.ToUniversalTime() - _time.GetUtcNow().UtcDateTime).TotalDays.ShouldBeInRange(5 * 365 - 1, 5 * 365 + 1);
        store.ApplicationUri.ShouldBe("urn:plc-gateway:Nightshift");
        CertificateStore.ApplicationUriOf(certificate).ShouldBe("urn:plc-gateway:Nightshift");
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        san.EnumerateDnsNames().ShouldBe(["plc-gateway"]);
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        usage.Critical.ShouldBeTrue();
        usage.KeyUsages.ShouldBe(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment
            | X509KeyUsageFlags.DataEncipherment | X509KeyUsageFlags.KeyCertSign);
        var extended = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        extended.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ShouldBe(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.ShouldBeFalse();
        File.Exists(Path.Combine(_folder, "own", "nightshift.pfx")).ShouldBeTrue();
        File.ReadAllBytes(Path.Combine(_folder, "own", "nightshift.der")).ShouldBe(certificate.RawData);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.Combine(_folder, "own", "nightshift.pfx")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task The_application_certificate_is_loaded_again_by_a_new_store()
    {
        string thumbprint;
        using (var first = NewStore())
        {
            thumbprint = (await first.GetApplicationCertificateAsync(TestContext.Current.CancellationToken)).Thumbprint;
        }

        using var second = NewStore();
        var loaded = await second.GetApplicationCertificateAsync(TestContext.Current.CancellationToken);

        loaded.Thumbprint.ShouldBe(thumbprint);
        loaded.HasPrivateKey.ShouldBeTrue();
        using var key = loaded.GetRSAPrivateKey()!;
        key.SignData([1, 2, 3], System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1).Length.ShouldBe(256);
    }

    [Fact]
    public async Task An_expired_application_certificate_is_replaced()
    {
        using var store = NewStore();
        var first = (await store.GetApplicationCertificateAsync(TestContext.Current.CancellationToken)).Thumbprint;

        _time.Advance(TimeSpan.FromDays(6 * 365));
        var second = await store.GetApplicationCertificateAsync(TestContext.Current.CancellationToken);

        second.Thumbprint.ShouldNotBe(first);
        second.NotAfter.ToUniversalTime().ShouldBeGreaterThan(_time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public void An_unknown_server_certificate_is_refused_and_written_to_rejected()
    {
        using var store = NewStore();
        var server = TestCertificates.Get("server");

        var thrown = Should.Throw<OpcUaSecurityException>(() => store.Validate(server.RawData, null, TestContext.Current.CancellationToken));

        thrown.StatusCode.ShouldBe(0x801A0000u);
        var rejected = Path.Combine(_folder, "rejected", CertificateStore.FileNameOf(server));
        File.ReadAllBytes(rejected).ShouldBe(server.RawData);
        thrown.Message.ShouldContain(rejected);
        thrown.Message.ShouldContain(Path.Combine(_folder, "trusted"));
    }

    [Fact]
    public void A_rejected_certificate_moved_into_trusted_is_accepted()
    {
        using var store = NewStore();
        var server = TestCertificates.Get("server");
        Should.Throw<OpcUaSecurityException>(() => store.Validate(server.RawData, null, TestContext.Current.CancellationToken));
        var name = CertificateStore.FileNameOf(server);

        Directory.CreateDirectory(store.TrustedFolder);
        File.Move(Path.Combine(store.RejectedFolder, name), Path.Combine(store.TrustedFolder, name));

        store.Validate(server.RawData, "urn:test:server", TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_trusted_certificate_given_as_a_chain_is_accepted()
    {
        using var store = NewStore();
        var server = TestCertificates.Get("server");
        store.Trust(server.RawData);

        store.Validate((byte[])[.. server.RawData, .. TestCertificates.Get("client").RawData], null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_certificate_outside_its_validity_period_is_refused_even_when_trusted()
    {
        using var store = NewStore();
        using var expired = TestCertificates.Create("old", 2048, _time.GetUtcNow().AddYears(-2), _time.GetUtcNow().AddDays(-1));
        using var future = TestCertificates.Create("new", 2048, _time.GetUtcNow().AddDays(1), _time.GetUtcNow().AddYears(1));
        store.Trust(expired.RawData);
        store.Trust(future.RawData);

        Should.Throw<OpcUaSecurityException>(() => store.Validate(expired.RawData, null, TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(0x80140000u);
        Should.Throw<OpcUaSecurityException>(() => store.Validate(future.RawData, null, TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(0x80140000u);
    }

    [Fact]
    public void A_certificate_for_another_application_uri_is_refused()
    {
        using var store = NewStore();
        var server = TestCertificates.Get("server");
        store.Trust(server.RawData);

        Should.Throw<OpcUaSecurityException>(() => store.Validate(server.RawData, "urn:test:other", TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(0x80170000u);
    }

    [Fact]
    public void Trust_on_first_use_trusts_the_first_certificate_of_a_server_but_not_a_replacement()
    {
        using var store = NewStore(trustOnFirstUse: true);
        using var first = TestCertificates.Create("plc", 2048, _time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddYears(1), "urn:plc:server");
        using var second = TestCertificates.Create("plc", 2048, _time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddYears(1), "urn:plc:server");

        store.Validate(first.RawData, null, TestContext.Current.CancellationToken);
        store.Validate(first.RawData, null, TestContext.Current.CancellationToken);

        File.Exists(Path.Combine(store.TrustedFolder, CertificateStore.FileNameOf(first))).ShouldBeTrue();
        Should.Throw<OpcUaSecurityException>(() => store.Validate(second.RawData, null, TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(0x801A0000u);
        File.Exists(Path.Combine(store.RejectedFolder, CertificateStore.FileNameOf(second))).ShouldBeTrue();
    }

    [Fact]
    public void A_server_certificate_issued_by_a_trusted_authority_is_accepted()
    {
        using var store = NewStore();
        using var authority = TestCertificates.Create("plant-ca", 2048, _time.GetUtcNow().AddDays(-2), _time.GetUtcNow().AddYears(3), authority: true);
        using var serverKey = System.Security.Cryptography.RSA.Create(2048);
        var request = new CertificateRequest("CN=line-7-plc", serverKey, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var issued = request.Create(authority, _time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddYears(1), [1, 2, 3, 4]);
        store.Trust(authority.RawData);

        store.Validate(issued.RawData, null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Bytes_that_are_not_a_certificate_are_refused_as_invalid()
    {
        using var store = NewStore();

        Should.Throw<OpcUaSecurityException>(() => store.Validate(new byte[] { 0x30, 0x82, 0x10, 0x00, 1, 2 }, null, TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(0x80120000u);
        Should.Throw<OpcUaSecurityException>(() => store.Validate(new byte[] { 0x30, 0x03, 1, 2, 3 }, null, TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(0x80120000u);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private CertificateStore NewStore(bool trustOnFirstUse = false) =>
        new(_folder, new CertificateStoreOptions { HostName = "plc-gateway", TrustOnFirstUse = trustOnFirstUse }, _time);
}
