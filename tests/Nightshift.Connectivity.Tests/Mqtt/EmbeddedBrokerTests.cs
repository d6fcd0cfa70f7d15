using System.Text;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nightshift.Connectivity.Mqtt;
using Nightshift.Connectivity.Sparkplug;
using Nightshift.Connectivity.Tests.Support;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests.Mqtt;

/// <summary>End-to-end: the embedded broker and a real Sparkplug edge node over loopback MQTT.</summary>
public sealed class EmbeddedBrokerTests : IAsyncLifetime
{
    private const string Tenant = "acme";
    private const string User = "plant-key";
    private const string Password = "s3cret";

    private readonly RecordingIngestSink _sink = new();
    private readonly RecordingLoggerFactory _logs = new();
    private readonly int _port = FreePort.Next();
    private EmbeddedBroker _broker = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _broker = new EmbeddedBroker(
            new EmbeddedBrokerOptions { Port = _port, MaxPayloadBytes = 4096 },
            new StaticCredentialValidator((User, Password, Tenant), ("other-key", "other", "globex")),
            _sink,
            new InMemorySparkplugSessionStore(),
            TimeProvider.System,
            _logs);
        await _broker.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        _logs.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Births_and_data_of_a_real_edge_node_reach_the_sink_and_its_death_sets_it_offline()
    {
        await using var node = NewEdgeNode();
        await node.ConnectAsync(Ct);
        await Eventually.HoldsAsync(() => _sink.Described.Count == 2, "the NBIRTH and DBIRTH arrived");

        var nodeBirth = _sink.Described.Single(d => d.Source == "spBv1.0/Plant/edge-1");
        nodeBirth.Tenant.ShouldBe(Tenant);
        nodeBirth.Metrics.ShouldBe([new Nightshift.Core.Ingest.SourceMetric("temperature", TagDataType.Double, "°C")]);
        _sink.Described.Single(d => d.Source == "spBv1.0/Plant/edge-1/press").Metrics.Select(m => m.Name).ShouldBe(["strokes", "running"]);

        await node.PublishNodeDataAsync([new SparkplugMetric("temperature", SparkplugDataType.Double, SampleValue.FromDouble(21.5))], Ct);
        await node.PublishDeviceDataAsync("press", [new SparkplugMetric("strokes", SparkplugDataType.Int64, SampleValue.FromLong(5))], Ct);
        await Eventually.HoldsAsync(() => _sink.Points("spBv1.0/Plant/edge-1/press").Any(p => p.Name == "strokes" && p.Value == SampleValue.FromLong(5)), "the DDATA arrived");
        _sink.Points("spBv1.0/Plant/edge-1").ShouldContain(p => p.Name == "temperature" && p.Value == SampleValue.FromDouble(21.5));

        await node.DisconnectAsync(Ct);
        await Eventually.HoldsAsync(() => _sink.Statuses.Count(s => !s.Online) == 2, "the NDEATH set the node and its device offline");
        _sink.Statuses.Where(s => !s.Online).ShouldAllBe(s => s.Quality == Quality.BadNotConnected);
    }

    [Fact]
    public async Task A_written_device_metric_reaches_the_edge_node_as_a_DCMD()
    {
        await using var node = NewEdgeNode();
        var received = new TaskCompletionSource<(string Device, SparkplugMetric Metric)>(TaskCreationOptions.RunContinuationsAsynchronously);
        node.DeviceCommandReceived += (device, metric) =>
        {
            received.TrySetResult((device, metric));
            return Task.CompletedTask;
        };
        await node.ConnectAsync(Ct);
        await Eventually.HoldsAsync(() => _sink.Described.Count == 2, "the births arrived");

        await _broker.Host.WriteAsync(Tenant, "Plant", "edge-1", "press", "running", SampleValue.FromBool(false), Ct);

        var (device, metric) = await received.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        device.ShouldBe("press");
        metric.Name.ShouldBe("running");
        metric.Value.ShouldBe(SampleValue.FromBool(false));
    }

    [Fact]
    public async Task A_rebirth_command_makes_the_edge_node_publish_its_births_again()
    {
        await using var node = NewEdgeNode();
        await node.ConnectAsync(Ct);
        await Eventually.HoldsAsync(() => _sink.Described.Count == 2, "the births arrived");

        await _broker.Host.WriteAsync(Tenant, "Plant", "edge-1", null, SparkplugEdgeNode.RebirthMetric, SampleValue.FromBool(true), Ct);

        await Eventually.HoldsAsync(() => _sink.Described.Count == 4, "the edge node was born again");
        await node.PublishDeviceDataAsync("press", [new SparkplugMetric("strokes", SparkplugDataType.Int64, SampleValue.FromLong(9))], Ct);
        await Eventually.HoldsAsync(() => _sink.Points("spBv1.0/Plant/edge-1/press").Any(p => p.Value == SampleValue.FromLong(9)), "data after the rebirth arrived");
    }

    [Fact]
    public async Task An_edge_node_reconnects_with_a_new_bdSeq_and_births_again_after_the_broker_restarts()
    {
        await using var node = NewEdgeNode();
        await node.ConnectAsync(Ct);
        await Eventually.HoldsAsync(() => _sink.Described.Count == 2, "the births arrived");

        await _broker.DisposeAsync();
        var store = new InMemorySparkplugSessionStore();
        _broker = new EmbeddedBroker(
            new EmbeddedBrokerOptions { Port = _port },
            new StaticCredentialValidator((User, Password, Tenant)),
            _sink,
            store,
            TimeProvider.System,
            _logs);
        await _broker.StartAsync(Ct);

        await Eventually.HoldsAsync(() => _sink.Described.Count == 4, "the edge node reconnected and was born again", TimeSpan.FromSeconds(20));
        node.IsConnected.ShouldBeTrue();
        (await store.LoadAsync(Tenant, "Plant", "edge-1", Ct))!.BdSeq.ShouldBe(1);
    }

    [Fact]
    public async Task An_edge_node_with_a_wrong_password_fails_to_connect()
    {
        await using var node = new SparkplugEdgeNode(
            new SparkplugEdgeNodeOptions("127.0.0.1", _port, User, "wrong", "Plant", "edge-2"),
            () => new EdgeNodeBirth([], new Dictionary<string, IReadOnlyList<SparkplugMetric>>()),
            TimeProvider.System,
            _logs.CreateLogger<SparkplugEdgeNode>());

        await Should.ThrowAsync<MQTTnet.Adapter.MqttConnectingFailedException>(() => node.ConnectAsync(Ct));
        node.IsConnected.ShouldBeFalse();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_wrong_password_is_refused(MqttProtocolVersion version)
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(Options("bad", User, "wrong", version), Ct);

        result.ResultCode.ShouldBe(MqttClientConnectResultCode.BadUserNameOrPassword);
        client.IsConnected.ShouldBeFalse();
    }

    [Fact]
    public async Task An_anonymous_client_is_refused()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).WithClientId("anon").Build();

        var result = await client.ConnectAsync(options, Ct);

        result.ResultCode.ShouldBe(MqttClientConnectResultCode.BadUserNameOrPassword);
        client.IsConnected.ShouldBeFalse();
    }

    [Fact]
    public async Task An_oversized_payload_is_dropped_without_disconnecting_another_client()
    {
        using var big = await ConnectAsync("big", MqttProtocolVersion.V500);
        using var other = await ConnectAsync("other", MqttProtocolVersion.V311);

        var result = await big.PublishAsync(Json("nightshift/json/big", new string('x', 8000)), Ct);
        await other.PublishAsync(Json("nightshift/json/small", "ok"), Ct);

        result.ReasonCode.ShouldBe(MqttClientPublishReasonCode.QuotaExceeded);
        await Eventually.HoldsAsync(() => _sink.Points("json/small").Count == 1, "the other client's message arrived");
        _sink.Points("json/big").ShouldBeEmpty();
        other.IsConnected.ShouldBeTrue();
        big.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task A_JSON_device_message_reaches_the_sink_under_the_publishers_tenant()
    {
        using var client = await ConnectAsync("json-1", MqttProtocolVersion.V311, "other-key", "other");

        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic("nightshift/json/line-7/filler")
            .WithPayload("""{"timestamp":"2026-05-01T12:00:00Z","values":{"count":12,"running":true}}""")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), Ct);

        await Eventually.HoldsAsync(() => _sink.Points("json/line-7/filler").Count == 2, "the JSON message arrived");
        _sink.Batches.Single().Tenant.ShouldBe("globex");
    }

    [Fact]
    public async Task Messages_reach_only_subscribers_of_the_publishers_tenant()
    {
        using var acmeSubscriber = await ConnectAsync("acme-sub", MqttProtocolVersion.V500);
        using var globexSubscriber = await ConnectAsync("globex-sub", MqttProtocolVersion.V311, "other-key", "other");
        var acmeReceived = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var globexReceived = new System.Collections.Concurrent.ConcurrentQueue<string>();
        acmeSubscriber.ApplicationMessageReceivedAsync += e =>
        {
            acmeReceived.Enqueue(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        globexSubscriber.ApplicationMessageReceivedAsync += e =>
        {
            globexReceived.Enqueue(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        await acmeSubscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("plain/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        await globexSubscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("plain/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        using var acmePublisher = await ConnectAsync("acme-pub", MqttProtocolVersion.V311);
        using var globexPublisher = await ConnectAsync("globex-pub", MqttProtocolVersion.V311, "other-key", "other");

        await acmePublisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("plain/acme").WithPayload("a").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        await globexPublisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("plain/globex").WithPayload("g").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);

        await Eventually.HoldsAsync(() => acmeReceived.Contains("plain/acme") && globexReceived.Contains("plain/globex"), "each tenant got its own message");
        acmeReceived.ShouldNotContain("plain/globex");
        globexReceived.ShouldNotContain("plain/acme");
    }

    [Fact]
    public async Task A_client_id_reserved_for_the_server_is_refused()
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(Options("nightshift/globex", User, Password, MqttProtocolVersion.V500), Ct);

        result.ResultCode.ShouldBe(MqttClientConnectResultCode.ClientIdentifierNotValid);
    }

    [Fact]
    public async Task Bad_input_is_logged_and_counted_and_the_client_stays_connected()
    {
        using var client = await ConnectAsync("bad-1", MqttProtocolVersion.V311);

        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("spBv1.0/Plant/NDATA/edge-9").WithPayload(new byte[] { 0xFF, 0xFF, 0xFF }).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("nightshift/json/dev").WithPayload("{not json").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        await client.PublishAsync(Json("nightshift/json/dev", "fine"), Ct);

        await Eventually.HoldsAsync(() => _sink.Points("json/dev").Count == 1, "the valid message arrived");
        client.IsConnected.ShouldBeTrue();
        _logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("malformed Sparkplug payload", StringComparison.Ordinal));
        _logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("bad-1", StringComparison.Ordinal) && e.Message.Contains("invalid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_STATE_is_retained_online_for_late_subscribers()
    {
        using var client = await ConnectAsync("late", MqttProtocolVersion.V311);
        var state = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            state.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };

        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("spBv1.0/STATE/nightshift").Build(), Ct);

        (await state.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldStartWith("{\"online\":true,\"timestamp\":");
    }

    private SparkplugEdgeNode NewEdgeNode() => new(
        new SparkplugEdgeNodeOptions("127.0.0.1", _port, User, Password, "Plant", "edge-1") { PrimaryHostId = "nightshift" },
        () => new EdgeNodeBirth(
            [new SparkplugMetric("temperature", SparkplugDataType.Double, SampleValue.FromDouble(20)) { Unit = "°C" }],
            new Dictionary<string, IReadOnlyList<SparkplugMetric>>
            {
                ["press"] =
                [
                    new SparkplugMetric("strokes", SparkplugDataType.Int64, SampleValue.FromLong(0)),
                    new SparkplugMetric("running", SparkplugDataType.Boolean, SampleValue.FromBool(true)),
                ],
            }),
        TimeProvider.System,
        _logs.CreateLogger<SparkplugEdgeNode>());

    private MqttClientOptions Options(string clientId, string user, string password, MqttProtocolVersion version) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId(clientId)
            .WithCredentials(user, password)
            .WithProtocolVersion(version)
            .Build();

    private async Task<IMqttClient> ConnectAsync(string clientId, MqttProtocolVersion version, string user = User, string password = Password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(clientId, user, password, version), Ct);
        return client;
    }

    private static MqttApplicationMessage Json(string topic, string mode) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload($$$"""{"values":{"mode":"{{{mode}}}"}}""")
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();
}
