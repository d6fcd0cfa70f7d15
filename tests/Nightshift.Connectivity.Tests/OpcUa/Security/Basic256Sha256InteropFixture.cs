using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Nightshift.Connectivity.OpcUa.Client;
using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Services;

namespace Nightshift.Connectivity.Tests.OpcUa.Security;

/// <summary>
/// One secure node-opcua server for the interop tests, and the client's certificate store (under a temporary folder)
/// whose application certificate the server trusts and whose trust list holds the server's certificate.
/// </summary>
public sealed class Basic256Sha256InteropFixture : IAsyncLifetime
{
    private SecureOpcUaServer? _server;
    private CertificateStore? _store;
    private X509Certificate2? _certificate;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "nightshift-opcua-security-" + Guid.NewGuid().ToString("N"));

    public string Url => _server!.Url;

    public string ServerOutput => _server!.Output;

    public CertificateStore Store => _store!;

    public X509Certificate2 Certificate => _certificate!;

    /// <summary>Every chunk security the clients' factories made, to check which policy and mode were really used.</summary>
    public ConcurrentQueue<IChannelSecurity> Securities { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _store = new CertificateStore(Path.Combine(Folder, "client"));
        _certificate = await _store.GetApplicationCertificateAsync(cancellationToken);
        _server = await SecureOpcUaServer.StartAsync(
            Path.Combine(Folder, "server"), Path.Combine(_store.OwnFolder, CertificateStore.PublicCertificateFileName), cancellationToken);
        var endpoints = await OpcUaClient.GetEndpointsAsync(_server.Url, cancellationToken: cancellationToken);
        _store.Trust(endpoints[0].ServerCertificate.Span);
    }

    /// <summary>Client options for <paramref name="mode"/> with this fixture's certificates.</summary>
    public OpcUaClientOptions Options(MessageSecurityMode mode, CertificateStore? store = null, X509Certificate2? certificate = null) => new()
    {
        SecurityMode = mode,
        SecurityPolicyUri = Basic256Sha256Security.SecurityPolicyUri,
        SecurityFactory = Recording((store ?? Store).CreateSecurityFactory(certificate ?? Certificate)),
        ApplicationUri = (store ?? Store).ApplicationUri,
        Reconnect = false,
    };

    private Func<EndpointDescription, IChannelSecurity> Recording(Func<EndpointDescription, IChannelSecurity> factory) => endpoint =>
    {
        var security = factory(endpoint);
        Securities.Enqueue(security);
        return security;
    };

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _store?.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
