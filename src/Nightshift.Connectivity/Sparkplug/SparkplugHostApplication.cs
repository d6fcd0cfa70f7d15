using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// The Sparkplug B 3.0 primary host application, independent of the transport: it is fed every <c>spBv1.0/...</c>
/// message with the publisher's tenant through <see cref="HandleAsync"/>, keeps one session per (tenant, group, edge
/// node) with bdSeq, seq 0..255 and the aliases of the births, and delivers births, data and deaths to the
/// <see cref="IIngestSink"/>. A sequence gap, data before a birth or an unknown alias makes it request a rebirth
/// (NCMD <c>Node Control/Rebirth</c>, at most one per node per <see cref="SparkplugHostOptions.RebirthInterval"/>) and
/// drop that node's data until the new NBIRTH. It publishes its retained STATE on start and stop.
/// Thread-safe: messages of one edge node are processed in order under that node's lock; nodes run in parallel.
/// <see cref="HandleAsync"/> throws only what the sink or the session store throws (and cancellation): bad input is
/// logged, counted in <see cref="ConnectivityMetrics"/> and dropped.
/// </summary>
public sealed class SparkplugHostApplication : IAsyncDisposable
{
    private const string Protocol = "sparkplug";
    private const string NodeControlPrefix = "Node Control/";

    private readonly SparkplugHostOptions _options;
    private readonly IIngestSink _sink;
    private readonly ISparkplugSessionStore _store;
    private readonly ISparkplugPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger<SparkplugHostApplication> _logger;
    private readonly ConcurrentDictionary<(string Tenant, string GroupId, string EdgeNodeId), SparkplugNodeSession> _sessions = new();
    private readonly CancellationTokenSource _lifetime = new();
    private Task? _writeBehind;

    public SparkplugHostApplication(
        SparkplugHostOptions options,
        IIngestSink sink,
        ISparkplugSessionStore store,
        ISparkplugPublisher publisher,
        TimeProvider timeProvider,
        ILogger<SparkplugHostApplication> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _ = SparkplugTopic.State(options.HostId);
        _options = options;
        _sink = sink;
        _store = store;
        _publisher = publisher;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>The host id, as in <c>spBv1.0/STATE/{HostId}</c>.</summary>
    public string HostId => _options.HostId;

    /// <summary>Publishes the retained STATE online message and starts the write-behind of sequence numbers.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await PublishStateAsync(online: true, ct).ConfigureAwait(false);
        if (_writeBehind is null)
        {
            // The timer starts now, not when the loop first runs, so that its period counts from the start.
            var timer = new PeriodicTimer(_options.SequenceSaveInterval, _time);
            _writeBehind = Task.Run(() => WriteBehindLoopAsync(timer, _lifetime.Token), CancellationToken.None);
        }
        SparkplugHostLog.Started(_logger, _options.HostId);
    }

    /// <summary>Saves the sessions whose seq moved and publishes the retained STATE offline message.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (_writeBehind is not null)
        {
            await _writeBehind.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await SaveDirtySequencesAsync(ct).ConfigureAwait(false);
        await PublishStateAsync(online: false, ct).ConfigureAwait(false);
        SparkplugHostLog.Stopped(_logger, _options.HostId);
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (_writeBehind is not null)
        {
            await _writeBehind.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _lifetime.Dispose();
    }

    /// <summary>Handles one message published on a <c>spBv1.0/...</c> topic by a client of <paramref name="tenant"/>.</summary>
    public async ValueTask HandleAsync(string tenant, string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (!SparkplugTopic.TryParse(topic, out var parsed, out var error))
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.MqttBadTopic);
            SparkplugHostLog.BadTopic(_logger, tenant, topic ?? string.Empty, error);
            return;
        }

        if (parsed.MessageType is SparkplugMessageType.State or SparkplugMessageType.NCmd or SparkplugMessageType.DCmd)
        {
            // Commands and STATE are for edge nodes and other hosts; a host does not consume them.
            return;
        }

        SparkplugPayload decoded;
        try
        {
            decoded = SparkplugPayloadCodec.Decode(payload);
        }
        catch (SparkplugFormatException ex)
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.SparkplugMalformedPayload);
            SparkplugHostLog.MalformedPayload(_logger, tenant, topic!, ex.Message);
            return;
        }

        if (decoded.SkippedMetrics > 0)
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.SparkplugUnsupportedMetric, decoded.SkippedMetrics);
            SparkplugHostLog.UnsupportedMetrics(_logger, tenant, topic!, decoded.SkippedMetrics);
        }

        var session = _sessions.GetOrAdd((tenant, parsed.GroupId, parsed.EdgeNodeId), key => new SparkplugNodeSession(key.Tenant, key.GroupId, key.EdgeNodeId));
        await session.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!session.Loaded)
            {
                if (await _store.LoadAsync(tenant, parsed.GroupId, parsed.EdgeNodeId, cancellationToken).ConfigureAwait(false) is { } state)
                {
                    session.Restore(state);
                }

                session.Loaded = true;
            }

            var now = _time.GetUtcNow().UtcDateTime;
            switch (parsed.MessageType)
            {
                case SparkplugMessageType.NBirth:
                    await OnNodeBirthAsync(session, decoded, now, cancellationToken).ConfigureAwait(false);
                    break;
                case SparkplugMessageType.NDeath:
                    await OnNodeDeathAsync(session, decoded, now, cancellationToken).ConfigureAwait(false);
                    break;
                case SparkplugMessageType.NData:
                    await OnDataAsync(session, null, decoded, now, cancellationToken).ConfigureAwait(false);
                    break;
                case SparkplugMessageType.DBirth:
                    await OnDeviceBirthAsync(session, parsed.DeviceId!, decoded, now, cancellationToken).ConfigureAwait(false);
                    break;
                case SparkplugMessageType.DData:
                    await OnDataAsync(session, parsed.DeviceId!, decoded, now, cancellationToken).ConfigureAwait(false);
                    break;
                case SparkplugMessageType.DDeath:
                    await OnDeviceDeathAsync(session, parsed.DeviceId!, decoded, now, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        finally
        {
            session.Lock.Release();
        }
    }

    /// <summary>
    /// Writes a value to a metric of an edge node (NCMD) or of one of its devices (DCMD). The metric is sent with the
    /// alias and data type of its birth when known, else by name with a type inferred from the value.
    /// </summary>
    /// <exception cref="InvalidOperationException">The edge node (or device) is not known in <paramref name="tenant"/>.</exception>
    public async ValueTask WriteAsync(string tenant, string groupId, string edgeNodeId, string? deviceId, string metricName, SampleValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentException.ThrowIfNullOrEmpty(metricName);
        if (!_sessions.TryGetValue((tenant, groupId, edgeNodeId), out var session))
        {
            throw new InvalidOperationException($"edge node {groupId}/{edgeNodeId} is not known in tenant '{tenant}'");
        }

        SparkplugMetric metric;
        SparkplugTopic topic;
        await session.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SparkplugMetricTable table;
            if (deviceId is null)
            {
                table = session.Metrics;
                topic = SparkplugTopic.Node(SparkplugMessageType.NCmd, groupId, edgeNodeId);
            }
            else if (session.Devices.TryGetValue(deviceId, out var device))
            {
                table = device.Metrics;
                topic = SparkplugTopic.Device(SparkplugMessageType.DCmd, groupId, edgeNodeId, deviceId);
            }
            else
            {
                throw new InvalidOperationException($"device {deviceId} of edge node {groupId}/{edgeNodeId} is not known in tenant '{tenant}'");
            }

            metric = table.TryGet(metricName, out var definition)
                ? new SparkplugMetric(definition.Alias is null ? metricName : null, definition.DataType, value) { Alias = definition.Alias }
                : new SparkplugMetric(metricName, SparkplugValues.Infer(value), value);
        }
        finally
        {
            session.Lock.Release();
        }

        var payload = new SparkplugPayload(_time.GetUtcNow().UtcDateTime, null, [metric]);
        var topicName = topic.ToString();
        await _publisher.PublishAsync(tenant, topicName, SparkplugPayloadCodec.Encode(payload), retain: false, cancellationToken).ConfigureAwait(false);
        SparkplugHostLog.CommandSent(_logger, tenant, topicName, metricName);
    }

    private async ValueTask OnNodeBirthAsync(SparkplugNodeSession session, SparkplugPayload payload, DateTime now, CancellationToken ct)
    {
        long? bdSeq = null;
        session.Metrics.Clear();
        var described = new List<SourceMetric>(payload.Metrics.Count);
        var points = new List<SourcePoint>(payload.Metrics.Count);
        foreach (var metric in payload.Metrics)
        {
            if (metric.Name == SparkplugEdgeNode.BdSeqMetric)
            {
                bdSeq = metric.Value.AsLong();
                continue;
            }

            if (metric.Name is null)
            {
                continue;
            }

            var type = metric.DataType == SparkplugDataType.Unknown ? SparkplugValues.Infer(metric.Value) : metric.DataType;
            session.Metrics.Add(new SparkplugMetricDefinition(metric.Name, metric.Alias, type, metric.Unit));
            if (metric.Name.StartsWith(NodeControlPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            described.Add(new SourceMetric(metric.Name, SparkplugValues.ToTagDataType(type), metric.Unit));
            points.Add(Point(metric.Name, metric, metric.Value, payload, now));
        }

        var previouslyAwaiting = session.AwaitingRebirth;
        session.BdSeq = bdSeq;
        session.LastSeq = payload.Seq is { } seq ? (int)seq : 0;
        session.Born = true;
        session.Online = true;
        session.AwaitingRebirth = false;
        session.BirthTime = payload.Timestamp ?? now;
        session.Devices.Clear();
        session.SequenceDirty = false;
        SparkplugHostLog.NodeBirth(_logger, session.Tenant, session.Source, bdSeq ?? -1, described.Count, previouslyAwaiting);

        await _store.SaveAsync(session.Tenant, session.ToState(), ct).ConfigureAwait(false);
        await _sink.DescribeAsync(session.Tenant, session.Source, described, ct).ConfigureAwait(false);
        await _sink.SourceStatusAsync(session.Tenant, session.Source, true, Quality.Good, payload.Timestamp ?? now, ct).ConfigureAwait(false);
        await IngestAsync(session.Tenant, session.Source, points, ct).ConfigureAwait(false);
    }

    private async ValueTask OnNodeDeathAsync(SparkplugNodeSession session, SparkplugPayload payload, DateTime now, CancellationToken ct)
    {
        long? bdSeq = null;
        foreach (var metric in payload.Metrics)
        {
            if (metric.Name == SparkplugEdgeNode.BdSeqMetric)
            {
                bdSeq = metric.Value.AsLong();
            }
        }

        if (session.BdSeq is { } current && bdSeq is { } received && current != received)
        {
            SparkplugHostLog.StaleDeath(_logger, session.Tenant, session.Source, received, current);
            return;
        }

        var wasOnline = session.Online;
        session.Online = false;
        session.Born = false;
        session.AwaitingRebirth = false;
        var offlineDevices = new List<string>();
        foreach (var device in session.Devices.Values)
        {
            if (device.Online)
            {
                device.Online = false;
                offlineDevices.Add(device.DeviceId);
            }
        }

        SparkplugHostLog.NodeDeath(_logger, session.Tenant, session.Source, bdSeq ?? -1);
        await _store.SaveAsync(session.Tenant, session.ToState(), ct).ConfigureAwait(false);
        var timestamp = payload.Timestamp ?? now;
        if (wasOnline)
        {
            await _sink.SourceStatusAsync(session.Tenant, session.Source, false, Quality.BadNotConnected, timestamp, ct).ConfigureAwait(false);
        }

        foreach (var deviceId in offlineDevices)
        {
            await _sink.SourceStatusAsync(session.Tenant, session.DeviceSource(deviceId), false, Quality.BadNotConnected, timestamp, ct).ConfigureAwait(false);
        }
    }

    private async ValueTask OnDeviceBirthAsync(SparkplugNodeSession session, string deviceId, SparkplugPayload payload, DateTime now, CancellationToken ct)
    {
        if (!await AcceptSequencedAsync(session, payload, ct).ConfigureAwait(false))
        {
            return;
        }

        if (!session.Devices.TryGetValue(deviceId, out var device))
        {
            device = new SparkplugDeviceSession(deviceId);
            session.Devices[deviceId] = device;
        }

        device.Metrics.Clear();
        device.Online = true;
        var source = session.DeviceSource(deviceId);
        var described = new List<SourceMetric>(payload.Metrics.Count);
        var points = new List<SourcePoint>(payload.Metrics.Count);
        foreach (var metric in payload.Metrics)
        {
            if (metric.Name is null)
            {
                continue;
            }

            var type = metric.DataType == SparkplugDataType.Unknown ? SparkplugValues.Infer(metric.Value) : metric.DataType;
            device.Metrics.Add(new SparkplugMetricDefinition(metric.Name, metric.Alias, type, metric.Unit));
            described.Add(new SourceMetric(metric.Name, SparkplugValues.ToTagDataType(type), metric.Unit));
            points.Add(Point(metric.Name, metric, metric.Value, payload, now));
        }

        SparkplugHostLog.DeviceBirth(_logger, session.Tenant, source, described.Count);
        await _store.SaveAsync(session.Tenant, session.ToState(), ct).ConfigureAwait(false);
        session.SequenceDirty = false;
        await _sink.DescribeAsync(session.Tenant, source, described, ct).ConfigureAwait(false);
        await _sink.SourceStatusAsync(session.Tenant, source, true, Quality.Good, payload.Timestamp ?? now, ct).ConfigureAwait(false);
        await IngestAsync(session.Tenant, source, points, ct).ConfigureAwait(false);
    }

    private async ValueTask OnDeviceDeathAsync(SparkplugNodeSession session, string deviceId, SparkplugPayload payload, DateTime now, CancellationToken ct)
    {
        if (!await AcceptSequencedAsync(session, payload, ct).ConfigureAwait(false))
        {
            return;
        }

        if (!session.Devices.TryGetValue(deviceId, out var device) || !device.Online)
        {
            return;
        }

        device.Online = false;
        var source = session.DeviceSource(deviceId);
        SparkplugHostLog.DeviceDeath(_logger, session.Tenant, source);
        await _store.SaveAsync(session.Tenant, session.ToState(), ct).ConfigureAwait(false);
        session.SequenceDirty = false;
        await _sink.SourceStatusAsync(session.Tenant, source, false, Quality.BadNotConnected, payload.Timestamp ?? now, ct).ConfigureAwait(false);
    }

    private async ValueTask OnDataAsync(SparkplugNodeSession session, string? deviceId, SparkplugPayload payload, DateTime now, CancellationToken ct)
    {
        if (!await AcceptSequencedAsync(session, payload, ct).ConfigureAwait(false))
        {
            return;
        }

        SparkplugMetricTable table;
        string source;
        if (deviceId is null)
        {
            table = session.Metrics;
            source = session.Source;
        }
        else if (session.Devices.TryGetValue(deviceId, out var device) && device.Online)
        {
            table = device.Metrics;
            source = session.DeviceSource(deviceId);
        }
        else
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.SparkplugNoBirth);
            SparkplugHostLog.NoBirth(_logger, session.Tenant, session.DeviceSource(deviceId));
            await RequestRebirthAsync(session, ct).ConfigureAwait(false);
            return;
        }

        var points = new SourcePoint[payload.Metrics.Count];
        for (var i = 0; i < points.Length; i++)
        {
            var metric = payload.Metrics[i];
            if (!table.TryResolve(metric, out var definition))
            {
                ConnectivityMetrics.Error(ConnectivityMetrics.SparkplugUnknownAlias);
                SparkplugHostLog.UnknownAlias(_logger, session.Tenant, source, metric.Name ?? string.Empty, metric.Alias ?? 0);
                await RequestRebirthAsync(session, ct).ConfigureAwait(false);
                return;
            }

            var value = metric.DataType == SparkplugDataType.Unknown ? SparkplugValues.FromRaw(definition.DataType, metric.Value) : metric.Value;
            points[i] = Point(definition.Name, metric, value, payload, now);
        }

        await IngestAsync(session.Tenant, source, points, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks that the node is born, not awaiting a rebirth, and that <paramref name="payload"/> carries the next seq
    /// (255 wraps to 0). On success the seq is taken; otherwise a rebirth is requested and false returned.
    /// </summary>
    private async ValueTask<bool> AcceptSequencedAsync(SparkplugNodeSession session, SparkplugPayload payload, CancellationToken ct)
    {
        if (!session.Born)
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.SparkplugNoBirth);
            SparkplugHostLog.NoBirth(_logger, session.Tenant, session.Source);
            await RequestRebirthAsync(session, ct).ConfigureAwait(false);
            return false;
        }

        if (session.AwaitingRebirth)
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.SparkplugDroppedAwaitingRebirth);
            await RequestRebirthAsync(session, ct).ConfigureAwait(false);
            return false;
        }

        var expected = (session.LastSeq + 1) & 0xFF;
        if (payload.Seq is not { } seq || (int)seq != expected)
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.SparkplugSequenceGap);
            SparkplugHostLog.SequenceGap(_logger, session.Tenant, session.Source, expected, payload.Seq is { } s ? (int)s : -1);
            await RequestRebirthAsync(session, ct).ConfigureAwait(false);
            return false;
        }

        session.LastSeq = expected;
        session.SequenceDirty = true;
        return true;
    }

    private async ValueTask RequestRebirthAsync(SparkplugNodeSession session, CancellationToken ct)
    {
        session.AwaitingRebirth = true;
        var now = _time.GetUtcNow();
        if (session.LastRebirthRequest is { } last && now - last < _options.RebirthInterval)
        {
            return;
        }

        session.LastRebirthRequest = now;
        var payload = new SparkplugPayload(now.UtcDateTime, null, [new SparkplugMetric(SparkplugEdgeNode.RebirthMetric, SparkplugDataType.Boolean, SampleValue.FromBool(true))]);
        var topic = SparkplugTopic.Node(SparkplugMessageType.NCmd, session.GroupId, session.EdgeNodeId).ToString();
        SparkplugHostLog.RebirthRequested(_logger, session.Tenant, session.Source);
        await _publisher.PublishAsync(session.Tenant, topic, SparkplugPayloadCodec.Encode(payload), retain: false, ct).ConfigureAwait(false);
    }

    private static SourcePoint Point(string name, SparkplugMetric metric, SampleValue value, SparkplugPayload payload, DateTime now) =>
        new(name, metric.Timestamp ?? payload.Timestamp ?? now, metric.IsNull ? SampleValue.None : value, metric.IsNull ? Quality.Bad : Quality.Good);

    private async ValueTask IngestAsync(string tenant, string source, IReadOnlyList<SourcePoint> points, CancellationToken ct)
    {
        if (points.Count == 0)
        {
            return;
        }

        await _sink.IngestAsync(new SourceBatch(tenant, source, points), ct).ConfigureAwait(false);
        ConnectivityMetrics.IngestedPoints(Protocol, points.Count);
    }

    private async Task PublishStateAsync(bool online, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("online", online);
            writer.WriteNumber("timestamp", _time.GetUtcNow().ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }

        await _publisher.PublishAsync(null, SparkplugTopic.State(_options.HostId).ToString(), buffer.WrittenMemory, retain: true, ct).ConfigureAwait(false);
    }

    private async Task WriteBehindLoopAsync(PeriodicTimer timer, CancellationToken ct)
    {
        using var owned = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                await SaveDirtySequencesAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task SaveDirtySequencesAsync(CancellationToken ct)
    {
        foreach (var session in _sessions.Values)
        {
            if (!session.SequenceDirty)
            {
                continue;
            }

            await session.Lock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (session.SequenceDirty)
                {
                    session.SequenceDirty = false;
                    await _store.SaveAsync(session.Tenant, session.ToState(), ct).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store failing must not stop the write-behind; the next tick tries again.
                session.SequenceDirty = true;
                SparkplugHostLog.SaveFailed(_logger, session.Tenant, session.Source, ex);
            }
            finally
            {
                session.Lock.Release();
            }
        }
    }
}
