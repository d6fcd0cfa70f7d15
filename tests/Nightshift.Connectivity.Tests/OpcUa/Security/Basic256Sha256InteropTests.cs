using System.Collections.Concurrent;
using Nightshift.Connectivity.OpcUa.Client;
using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;
using Nightshift.Connectivity.Tests.Support;

namespace Nightshift.Connectivity.Tests.OpcUa.Security;

/// <summary>
/// Our client against a real node-opcua 2.182.2 server that offers only Basic256Sha256 (Sign and SignAndEncrypt): the
/// server's certificate goes through our trust list, ours through the server's, and the client reads, writes and
/// subscribes over both modes, anonymously and with an encrypted user name password.
/// </summary>
public sealed class Basic256Sha256InteropTests(Basic256Sha256InteropFixture fixture) : IClassFixture<Basic256Sha256InteropFixture>
{
    private static readonly NodeId Counter = NodeId.FromString(1, "Counter");
    private static readonly NodeId Speed = NodeId.FromString(1, "Speed");
    private static readonly NodeId Name = NodeId.FromString(1, "Name");

    public static TheoryData<MessageSecurityMode> Modes => [MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_client_reads_writes_and_subscribes_over_Basic256Sha256(MessageSecurityMode mode)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var client = await OpcUaClient.ConnectAsync(fixture.Url, fixture.Options(mode), cancellationToken: cancellationToken);

        var name = await client.ReadValueAsync(Name, cancellationToken);
        name.Value.Value.ShouldBe("Press 1 – secure");
        var speed = 12.5 + (int)mode;
        (await client.WriteValueAsync(Speed, Variant.From(speed), cancellationToken)).IsGood.ShouldBeTrue();
        (await client.ReadValueAsync(Speed, cancellationToken)).Value.Value.ShouldBe(speed);

        var counts = new ConcurrentQueue<int>();
        await using var subscription = await client.SubscribeAsync(
            [new MonitoredItemDefinition(Counter) { SamplingIntervalMs = 100, QueueSize = 10 }],
            (changes, _) =>
            {
                foreach (var change in changes)
                {
                    counts.Enqueue((int)change.Value.Value.Value!);
                }

                return ValueTask.CompletedTask;
            },
            new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) },
            cancellationToken);

        await Eventually.HoldsAsync(() => counts.Count >= 5, "five counter values arrived", TimeSpan.FromSeconds(20));
        var values = counts.ToArray();
        values.ShouldBe(values.Order().ToArray());
        fixture.ServerOutput.ShouldNotContain("ERROR");
        fixture.Securities.OfType<Basic256Sha256Security>().ShouldContain(s => s.Mode == mode && s.CurrentTokenId != null);
    }

    [Fact]
    public async Task Values_keep_arriving_across_security_token_renewals()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var options = fixture.Options(MessageSecurityMode.SignAndEncrypt) with { SecureChannelLifetime = TimeSpan.FromSeconds(2) };
        using var logs = new RecordingLoggerFactory();
        await using var client = await OpcUaClient.ConnectAsync(fixture.Url, options, logger: logs.CreateLogger<OpcUaClient>(), cancellationToken: cancellationToken);
        var security = fixture.Securities.OfType<Basic256Sha256Security>().Last();
        var firstToken = security.CurrentTokenId;
        var counts = new ConcurrentQueue<int>();
        await using var subscription = await client.SubscribeAsync(
            [new MonitoredItemDefinition(Counter) { SamplingIntervalMs = 100, QueueSize = 10 }],
            (changes, _) =>
            {
                foreach (var change in changes)
                {
                    counts.Enqueue((int)change.Value.Value.Value!);
                }

                return ValueTask.CompletedTask;
            },
            new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) },
            cancellationToken);

        await Eventually.HoldsAsync(() => security.CurrentTokenId != firstToken, "the security token was renewed", TimeSpan.FromSeconds(20));
        var renewedToken = security.CurrentTokenId;
        await Eventually.HoldsAsync(() => security.CurrentTokenId != renewedToken, "the security token was renewed again", TimeSpan.FromSeconds(20));
        var before = counts.Count;
        await Eventually.HoldsAsync(() => counts.Count >= before + 5, "values arrived under the new token", TimeSpan.FromSeconds(20));
        (await client.ReadValueAsync(Name, cancellationToken)).Status.IsGood.ShouldBeTrue();
        client.Reconnects.ShouldBe(0);
        logs.Entries.ShouldBeEmpty(string.Join("; ", logs.Entries.Select(e => e.Message)));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_user_name_password_is_sent_encrypted_and_accepted(MessageSecurityMode mode)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var options = fixture.Options(mode) with { Identity = UserIdentity.FromUserName("operator", "secret") };

        await using var client = await OpcUaClient.ConnectAsync(fixture.Url, options, cancellationToken: cancellationToken);

        (await client.ReadValueAsync(Name, cancellationToken)).Status.IsGood.ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var options = fixture.Options(MessageSecurityMode.SignAndEncrypt) with { Identity = UserIdentity.FromUserName("operator", "wrong") };

        await Should.ThrowAsync<OpcUaServiceException>(() => OpcUaClient.ConnectAsync(fixture.Url, options, cancellationToken: cancellationToken));
    }

    [Fact]
    public async Task An_untrusted_server_certificate_is_refused_until_it_is_moved_into_trusted()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // A second store with the same application certificate (which the server trusts) but an empty trust list.
        var root = Path.Combine(fixture.Folder, "second-client");
        Directory.CreateDirectory(Path.Combine(root, "own"));
        foreach (var file in Directory.GetFiles(fixture.Store.OwnFolder))
        {
            File.Copy(file, Path.Combine(root, "own", Path.GetFileName(file)));
        }

        using var store = new CertificateStore(root);
        var certificate = await store.GetApplicationCertificateAsync(cancellationToken);
        certificate.Thumbprint.ShouldBe(fixture.Certificate.Thumbprint);

        var refused = await Should.ThrowAsync<OpcUaSecurityException>(
            () => OpcUaClient.ConnectAsync(fixture.Url, fixture.Options(MessageSecurityMode.SignAndEncrypt, store, certificate), cancellationToken: cancellationToken));

        refused.StatusCode.ShouldBe(0x801A0000u);
        var rejected = Directory.GetFiles(store.RejectedFolder).ShouldHaveSingleItem();
        refused.Message.ShouldContain(rejected);
        Directory.CreateDirectory(store.TrustedFolder);
        File.Move(rejected, Path.Combine(store.TrustedFolder, Path.GetFileName(rejected)));

        await using var client = await OpcUaClient.ConnectAsync(
            fixture.Url, fixture.Options(MessageSecurityMode.SignAndEncrypt, store, certificate), cancellationToken: cancellationToken);
        (await client.ReadValueAsync(Name, cancellationToken)).Status.IsGood.ShouldBeTrue();
    }
}
