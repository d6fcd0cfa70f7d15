using System.Buffers;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Connectivity.Sparkplug;
using Nightshift.Connectivity.Sparkplug.Protobuf;
using Nightshift.Connectivity.Tests.Support;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests.Sparkplug;

public sealed class SparkplugHostApplicationTests : IAsyncDisposable
{
    private const string Tenant = "acme";
    private const string NodeSource = "spBv1.0/Plant/edge-1";
    private const string DeviceSource = "spBv1.0/Plant/edge-1/press";
    private const string RebirthTopic = "spBv1.0/Plant/NCMD/edge-1";

    private static readonly DateTime T0 = new(2026, 3, 1, 6, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(T0.AddSeconds(1)));
    private readonly RecordingIngestSink _sink = new();
    private readonly RecordingPublisher _publisher = new();
    private readonly InMemorySparkplugSessionStore _store = new();
    private readonly SparkplugHostApplication _host;

    public SparkplugHostApplicationTests()
    {
        _host = NewHost();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_node_birth_describes_its_metrics_sets_it_online_and_ingests_its_values()
    {
        await NodeBirthAsync(bdSeq: 3);

        var described = _sink.Described.ShouldHaveSingleItem();
        described.Tenant.ShouldBe(Tenant);
        described.Source.ShouldBe(NodeSource);
        described.Metrics.Select(m => (m.Name, m.DataType, m.Unit)).ShouldBe(
        [
            ("temperature", TagDataType.Double, "°C"),
            ("count", TagDataType.Long, null),
            ("mode", TagDataType.String, null),
        ]);
        _sink.Statuses.ShouldHaveSingleItem().ShouldBe((Tenant, NodeSource, true, Quality.Good, T0));
        var points = _sink.Points(NodeSource);
        points.Select(p => p.Name).ShouldBe(["temperature", "count", "mode"]);
        points[0].Value.ShouldBe(SampleValue.FromDouble(20.5));
        points[0].Timestamp.ShouldBe(T0);
        points[0].Quality.ShouldBe(Quality.Good);
        _publisher.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Data_by_alias_only_takes_the_name_and_type_of_the_birth()
    {
        await NodeBirthAsync();
        var raw = new Payload { Seq = 1, Timestamp = Ms(T0.AddSeconds(5)) };
        raw.Metrics.Add(new Payload.Types.Metric { Alias = 1, FloatValue = 22.25f });
        raw.Metrics.Add(new Payload.Types.Metric { Alias = 2, IntValue = 0xFFFF_FFFF, Timestamp = Ms(T0.AddSeconds(4)) });
        raw.Metrics.Add(new Payload.Types.Metric { Alias = 3, IsNull = true });

        await _host.HandleAsync(Tenant, "spBv1.0/Plant/NDATA/edge-1", new ReadOnlySequence<byte>(raw.ToByteArray()), Ct);

        var points = _sink.Batches[^1].Points;
        points.Select(p => p.Name).ShouldBe(["temperature", "count", "mode"]);
        points[0].Value.ShouldBe(SampleValue.FromDouble(22.25));
        points[0].Timestamp.ShouldBe(T0.AddSeconds(5));
        points[1].Value.ShouldBe(SampleValue.FromLong(-1), "count is an Int32: the bits are its two's complement");
        points[1].Timestamp.ShouldBe(T0.AddSeconds(4));
        points[2].Quality.ShouldBe(Quality.Bad);
        points[2].Value.Kind.ShouldBe(ValueKind.None);
    }

    [Fact]
    public async Task A_value_without_any_timestamp_takes_the_receive_time()
    {
        await NodeBirthAsync();
        await SendAsync("NDATA", new SparkplugPayload(null, 1, [new SparkplugMetric(null, SparkplugDataType.Unknown, SampleValue.FromDouble(1)) { Alias = 1 }]));

        _sink.Batches[^1].Points[0].Timestamp.ShouldBe(_time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task The_sequence_number_wraps_from_255_to_0_without_a_rebirth()
    {
        await NodeBirthAsync();
        for (var i = 1; i <= 260; i++)
        {
            await SendAsync("NDATA", Data((ulong)(i & 0xFF), 1.0 * i));
        }

        _publisher.Messages.ShouldBeEmpty();
        _sink.Points(NodeSource).Count.ShouldBe(3 + 260);
    }

    [Fact]
    public async Task Rebirth_is_requested_once_when_a_sequence_number_is_skipped_and_data_is_dropped_until_the_birth()
    {
        await NodeBirthAsync();
        await SendAsync("NDATA", Data(1, 1));
        await SendAsync("NDATA", Data(3, 3));
        await SendAsync("NDATA", Data(4, 4));
        await SendAsync("NDATA", Data(5, 5));

        var command = _publisher.Messages.ShouldHaveSingleItem();
        command.Topic.ShouldBe(RebirthTopic);
        command.Tenant.ShouldBe(Tenant);
        command.Retain.ShouldBeFalse();
        var rebirth = SparkplugPayloadCodec.Decode(command.Payload).Metrics.ShouldHaveSingleItem();
        rebirth.Name.ShouldBe("Node Control/Rebirth");
        rebirth.DataType.ShouldBe(SparkplugDataType.Boolean);
        rebirth.Value.ShouldBe(SampleValue.FromBool(true));
        _sink.Points(NodeSource).Select(p => p.Value.AsDouble()).ShouldNotContain(3);
        _sink.Points(NodeSource).Select(p => p.Value.AsDouble()).ShouldNotContain(4);

        await NodeBirthAsync();
        await SendAsync("NDATA", Data(1, 42));

        _sink.Points(NodeSource)[^1].Value.ShouldBe(SampleValue.FromDouble(42));
        _publisher.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Rebirth_requests_to_a_node_are_at_most_one_per_interval()
    {
        await NodeBirthAsync();
        await SendAsync("NDATA", Data(7, 1));
        await SendAsync("NDATA", Data(8, 1));
        _publisher.Messages.Count.ShouldBe(1);

        _time.Advance(TimeSpan.FromSeconds(6));
        await SendAsync("NDATA", Data(9, 1));

        _publisher.Messages.Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_unknown_alias_requests_a_rebirth_and_drops_the_message()
    {
        await NodeBirthAsync();
        var before = _sink.Batches.Count;

        await SendAsync("NDATA", new SparkplugPayload(T0, 1, [new SparkplugMetric(null, SparkplugDataType.Double, SampleValue.FromDouble(1)) { Alias = 99 }]));

        _publisher.Messages.ShouldHaveSingleItem().Topic.ShouldBe(RebirthTopic);
        _sink.Batches.Count.ShouldBe(before);
    }

    [Fact]
    public async Task Data_before_any_birth_requests_a_rebirth()
    {
        await SendAsync("NDATA", Data(4, 1));

        _publisher.Messages.ShouldHaveSingleItem().Topic.ShouldBe(RebirthTopic);
        _sink.Batches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Device_birth_and_data_reach_the_sink_under_the_device_source()
    {
        await NodeBirthAsync();
        await DeviceBirthAsync(seq: 1);
        await SendAsync("DDATA", new SparkplugPayload(T0, 2, [new SparkplugMetric(null, SparkplugDataType.Unknown, SampleValue.FromLong(65535)) { Alias = 10 }]), "press");

        _sink.Described[^1].Source.ShouldBe(DeviceSource);
        _sink.Statuses[^1].ShouldBe((Tenant, DeviceSource, true, Quality.Good, T0));
        var points = _sink.Points(DeviceSource);
        points[^1].Name.ShouldBe("strokes");
        points[^1].Value.ShouldBe(SampleValue.FromLong(65535));
        _publisher.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_node_death_with_a_stale_bdSeq_is_ignored()
    {
        await NodeBirthAsync(bdSeq: 5);

        await SendAsync("NDEATH", Death(4));

        _sink.Statuses.ShouldAllBe(s => s.Online);
    }

    [Fact]
    public async Task A_node_death_sets_the_node_and_all_its_devices_offline()
    {
        await NodeBirthAsync(bdSeq: 5);
        await DeviceBirthAsync(seq: 1);

        await SendAsync("NDEATH", Death(5));

        var offline = _sink.Statuses.Where(s => !s.Online).ToArray();
        offline.Select(s => s.Source).ShouldBe([NodeSource, DeviceSource], ignoreOrder: true);
        offline.ShouldAllBe(s => s.Quality == Quality.BadNotConnected);
        (await _store.LoadAsync(Tenant, "Plant", "edge-1", Ct))!.Online.ShouldBeFalse();
    }

    [Fact]
    public async Task A_device_death_sets_only_that_device_offline()
    {
        await NodeBirthAsync();
        await DeviceBirthAsync(seq: 1);

        await SendAsync("DDEATH", new SparkplugPayload(T0, 2, []), "press");

        _sink.Statuses.Where(s => !s.Online).ShouldHaveSingleItem().Source.ShouldBe(DeviceSource);
        await SendAsync("NDATA", Data(3, 1));
        _sink.Points(NodeSource)[^1].Value.ShouldBe(SampleValue.FromDouble(1));
    }

    [Fact]
    public async Task Start_and_stop_publish_the_retained_STATE_in_the_3_0_form()
    {
        await _host.StartAsync(Ct);
        await _host.StopAsync(Ct);

        _publisher.Messages.Count.ShouldBe(2);
        _publisher.Messages.ShouldAllBe(m => m.Topic == "spBv1.0/STATE/nightshift" && m.Retain && m.Tenant == null);
        using var online = JsonDocument.Parse(_publisher.Messages[0].Payload);
        online.RootElement.GetProperty("online").GetBoolean().ShouldBeTrue();
        online.RootElement.GetProperty("timestamp").GetInt64().ShouldBe(_time.GetUtcNow().ToUnixTimeMilliseconds());
        using var offline = JsonDocument.Parse(_publisher.Messages[1].Payload);
        offline.RootElement.GetProperty("online").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task The_session_is_saved_on_birth_and_a_new_host_continues_it()
    {
        await NodeBirthAsync(bdSeq: 9);
        await DeviceBirthAsync(seq: 1);
        var saved = (await _store.LoadAsync(Tenant, "Plant", "edge-1", Ct))!;
        saved.BdSeq.ShouldBe(9);
        saved.NodeMetrics.Select(m => m.Name).ShouldContain("temperature");
        saved.DeviceMetrics["press"].ShouldHaveSingleItem().Alias.ShouldBe(10UL);
        saved.DeviceOnline["press"].ShouldBeTrue();

        await using var restarted = NewHost();
        var raw = new Payload { Seq = 2 };
        raw.Metrics.Add(new Payload.Types.Metric { Alias = 10, IntValue = 5 });
        await restarted.HandleAsync(Tenant, "spBv1.0/Plant/DDATA/edge-1/press", new ReadOnlySequence<byte>(raw.ToByteArray()), Ct);

        _sink.Points(DeviceSource)[^1].Value.ShouldBe(SampleValue.FromLong(5));
        _publisher.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_sequence_is_written_behind_not_on_every_message()
    {
        await _host.StartAsync(Ct);
        await NodeBirthAsync();
        await SendAsync("NDATA", Data(1, 1));
        (await _store.LoadAsync(Tenant, "Plant", "edge-1", Ct))!.LastSeq.ShouldBe(0);

        _time.Advance(TimeSpan.FromSeconds(5));

        await Eventually.HoldsAsync(async () => (await _store.LoadAsync(Tenant, "Plant", "edge-1", Ct))!.LastSeq == 1, "the sequence was saved");
    }

    [Fact]
    public async Task Sessions_of_different_tenants_are_separate()
    {
        await NodeBirthAsync();

        await _host.HandleAsync("other", "spBv1.0/Plant/NDATA/edge-1", Seq(Data(1, 1)), Ct);

        var rebirth = _publisher.Messages.ShouldHaveSingleItem();
        rebirth.Topic.ShouldBe(RebirthTopic);
        rebirth.Tenant.ShouldBe("other");
        _sink.Batches.ShouldAllBe(b => b.Tenant == Tenant);
    }

    [Fact]
    public async Task A_malformed_payload_or_topic_is_dropped_without_an_exception()
    {
        await NodeBirthAsync();

        await _host.HandleAsync(Tenant, "spBv1.0/Plant/NDATA/edge-1", new ReadOnlySequence<byte>([0xFF, 0xFF, 0xFF]), Ct);
        await _host.HandleAsync(Tenant, "spBv1.0/Plant/NDATA", Seq(Data(1, 1)), Ct);
        await SendAsync("NDATA", Data(1, 7));

        _sink.Points(NodeSource)[^1].Value.ShouldBe(SampleValue.FromDouble(7));
    }

    [Fact]
    public async Task Writing_a_device_metric_sends_a_DCMD_with_the_alias_and_type_of_the_birth()
    {
        await NodeBirthAsync();
        await DeviceBirthAsync(seq: 1);

        await _host.WriteAsync(Tenant, "Plant", "edge-1", "press", "strokes", SampleValue.FromLong(3), Ct);

        var command = _publisher.Messages.ShouldHaveSingleItem();
        command.Topic.ShouldBe("spBv1.0/Plant/DCMD/edge-1/press");
        var metric = SparkplugPayloadCodec.Decode(command.Payload).Metrics.ShouldHaveSingleItem();
        metric.Alias.ShouldBe(10UL);
        metric.DataType.ShouldBe(SparkplugDataType.UInt16);
        metric.Value.ShouldBe(SampleValue.FromLong(3));
        await Should.ThrowAsync<InvalidOperationException>(() => _host.WriteAsync("other", "Plant", "edge-1", null, "x", SampleValue.FromLong(1), Ct).AsTask());
    }

    private SparkplugHostApplication NewHost() =>
        new(new SparkplugHostOptions("nightshift"), _sink, _store, _publisher, _time, NullLogger<SparkplugHostApplication>.Instance);

    private static ulong Ms(DateTime time) => (ulong)(time - DateTime.UnixEpoch).TotalMilliseconds;

    private static ReadOnlySequence<byte> Seq(SparkplugPayload payload) => new(SparkplugPayloadCodec.Encode(payload));

    private static SparkplugPayload Data(ulong seq, double temperature) =>
        new(T0, seq, [new SparkplugMetric(null, SparkplugDataType.Float, SampleValue.FromDouble(temperature)) { Alias = 1 }]);

    private static SparkplugPayload Death(long bdSeq) =>
        new(T0, null, [new SparkplugMetric("bdSeq", SparkplugDataType.Int64, SampleValue.FromLong(bdSeq))]);

    private Task NodeBirthAsync(long bdSeq = 0) => SendAsync("NBIRTH", new SparkplugPayload(T0, 0,
    [
        new SparkplugMetric("bdSeq", SparkplugDataType.Int64, SampleValue.FromLong(bdSeq)),
        new SparkplugMetric("Node Control/Rebirth", SparkplugDataType.Boolean, SampleValue.FromBool(false)) { Alias = 0 },
        new SparkplugMetric("temperature", SparkplugDataType.Float, SampleValue.FromDouble(20.5)) { Alias = 1, Unit = "°C" },
        new SparkplugMetric("count", SparkplugDataType.Int32, SampleValue.FromLong(0)) { Alias = 2 },
        new SparkplugMetric("mode", SparkplugDataType.String, SampleValue.FromString("auto")) { Alias = 3 },
    ]));

    private Task DeviceBirthAsync(ulong seq) => SendAsync("DBIRTH", new SparkplugPayload(T0, seq,
    [
        new SparkplugMetric("strokes", SparkplugDataType.UInt16, SampleValue.FromLong(100)) { Alias = 10 },
    ]), "press");

    private async Task SendAsync(string type, SparkplugPayload payload, string? device = null)
    {
        var topic = device is null ? $"spBv1.0/Plant/{type}/edge-1" : $"spBv1.0/Plant/{type}/edge-1/{device}";
        await _host.HandleAsync(Tenant, topic, Seq(payload), Ct);
    }
}
