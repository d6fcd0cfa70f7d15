using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// A Sparkplug B 3.0 edge node over a real MQTT connection (MQTTnet client, MQTT 3.1.1): connects with its NDEATH
/// as will (carrying bdSeq), publishes NBIRTH and DBIRTHs from the birth callback with aliases it assigns, then data
/// by alias with seq 0..255. It answers <c>Node Control/Rebirth</c>, reconnects with exponential backoff (0.5 s to
/// 30 s) and, with <see cref="SparkplugEdgeNodeOptions.PrimaryHostId"/> set, publishes births only while that host's
/// STATE is online. Data published while the node is not connected and born is dropped (logged), as Sparkplug forbids
/// data outside a birth. Thread-safe: publications are serialized so that seq follows the wire order.
/// Methods throw <see cref="OperationCanceledException"/> when cancelled and MQTTnet's exceptions when the server
/// refuses the connection (<see cref="MqttConnectingFailedException"/>).
/// </summary>
public sealed class SparkplugEdgeNode : IAsyncDisposable
{
    /// <summary>The node control metric a host writes true to ask for new births.</summary>
    public const string RebirthMetric = "Node Control/Rebirth";

    /// <summary>The birth/death sequence metric of NBIRTH and NDEATH.</summary>
    public const string BdSeqMetric = "bdSeq";

    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly SparkplugEdgeNodeOptions _options;
    private readonly Func<EdgeNodeBirth> _birth;
    private readonly TimeProvider _time;
    private readonly ILogger<SparkplugEdgeNode> _logger;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<(string Topic, byte[] Payload)> _inbound =
        Channel.CreateUnbounded<(string Topic, byte[] Payload)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly CancellationTokenSource _lifetime = new();
    private readonly Dictionary<(string Device, string Name), (ulong Alias, SparkplugDataType Type)> _aliases = [];
    private readonly Dictionary<(string Device, ulong Alias), (string Name, SparkplugDataType Type)> _names = [];
    private readonly string _nodeTopicPrefix;
    private TaskCompletionSource _born = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _inboundLoop;
    private Task? _reconnectLoop;
    private long _bdSeq = -1;
    private int _seq;
    private bool _isBorn;
    private bool _hostOnline;
    private volatile bool _stopping;

    public SparkplugEdgeNode(SparkplugEdgeNodeOptions options, Func<EdgeNodeBirth> birth, TimeProvider timeProvider, ILogger<SparkplugEdgeNode> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(birth);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _birth = birth;
        _time = timeProvider;
        _logger = logger;
        _nodeTopicPrefix = $"{SparkplugTopic.Namespace}/{options.GroupId}/";
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>True while the MQTT connection is up.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>A node command (NCMD) other than rebirth: the metric with its name resolved from its alias.</summary>
    public event Func<SparkplugMetric, Task>? NodeCommandReceived;

    /// <summary>A device command (DCMD): the device id and the metric with its name resolved from its alias.</summary>
    public event Func<string, SparkplugMetric, Task>? DeviceCommandReceived;

    /// <summary>
    /// Connects with the NDEATH will and publishes NBIRTH and DBIRTHs. With a primary host configured, completes once
    /// the births went out, i.e. after the host's STATE online arrived.
    /// </summary>
    public async Task ConnectAsync(CancellationToken ct)
    {
        _stopping = false;
        _inboundLoop ??= Task.Run(() => InboundLoopAsync(_lifetime.Token), CancellationToken.None);
        await ConnectOnceAsync(ct).ConfigureAwait(false);
        Task born;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            born = _born.Task;
        }
        finally
        {
            _gate.Release();
        }

        await born.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Publishes NDATA: the metrics are sent by alias (name only for metrics not in the birth).</summary>
    public Task PublishNodeDataAsync(IReadOnlyList<SparkplugMetric> metrics, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return PublishDataAsync(SparkplugMessageType.NData, string.Empty, metrics, ct);
    }

    /// <summary>Publishes DDATA of <paramref name="deviceId"/>, by alias.</summary>
    public Task PublishDeviceDataAsync(string deviceId, IReadOnlyList<SparkplugMetric> metrics, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(metrics);
        return PublishDataAsync(SparkplugMessageType.DData, deviceId, metrics, ct);
    }

    /// <summary>Publishes DDEATH of <paramref name="deviceId"/>.</summary>
    public async Task PublishDeviceDeathAsync(string deviceId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_isBorn || !_client.IsConnected)
            {
                SparkplugEdgeNodeLog.DataDropped(_logger, _options.EdgeNodeId, "DDEATH");
                return;
            }

            var payload = new SparkplugPayload(_time.GetUtcNow().UtcDateTime, NextSeq(), []);
            await PublishAsync(SparkplugTopic.Device(SparkplugMessageType.DDeath, _options.GroupId, _options.EdgeNodeId, deviceId), payload, MqttQualityOfServiceLevel.AtMostOnce, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Publishes NDEATH (with the session's bdSeq), then disconnects normally. No reconnection follows.</summary>
    public async Task DisconnectAsync(CancellationToken ct)
    {
        _stopping = true;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected)
            {
                await PublishAsync(NodeTopic(SparkplugMessageType.NDeath), DeathPayload(), MqttQualityOfServiceLevel.AtLeastOnce, ct).ConfigureAwait(false);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), ct).ConfigureAwait(false);
            }

            _isBorn = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected && !_stopping)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await DisconnectAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationException)
            {
                SparkplugEdgeNodeLog.DisposeFailed(_logger, _options.EdgeNodeId, ex);
            }
        }

        _stopping = true;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _inbound.Writer.TryComplete();
        foreach (var task in new[] { _inboundLoop, _reconnectLoop })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _client.Dispose();
        _gate.Dispose();
        _lifetime.Dispose();
    }

    private string NodeTopic(SparkplugMessageType type) =>
        SparkplugTopic.Node(type, _options.GroupId, _options.EdgeNodeId).ToString();

    private SparkplugPayload DeathPayload() =>
        new(_time.GetUtcNow().UtcDateTime, null, [new SparkplugMetric(BdSeqMetric, SparkplugDataType.Int64, SampleValue.FromLong(_bdSeq))]);

    private ulong NextSeq()
    {
        var seq = _seq;
        _seq = (_seq + 1) & 0xFF;
        return (ulong)seq;
    }

    private async Task ConnectOnceAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _bdSeq = (_bdSeq + 1) & 0xFF;
            _isBorn = false;
            _hostOnline = _options.PrimaryHostId is null;
            if (_born.Task.IsCompleted)
            {
                _born = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            var will = SparkplugPayloadCodec.Encode(DeathPayload());
            var clientId = string.IsNullOrEmpty(_options.ClientId) ? $"{_options.GroupId}-{_options.EdgeNodeId}" : _options.ClientId;
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(_options.Host, _options.Port)
                .WithClientId(clientId)
                .WithCredentials(_options.Username, _options.Password)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
                .WithCleanSession(true)
                .WithWillTopic(NodeTopic(SparkplugMessageType.NDeath))
                .WithWillPayload(will)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithWillRetain(false)
                .Build();
            var result = await _client.ConnectAsync(options, ct).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new MqttConnectingFailedException($"the MQTT server refused edge node {_options.EdgeNodeId}: {result.ResultCode} {result.ReasonString}", null);
            }

            var subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(NodeTopic(SparkplugMessageType.NCmd), MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter($"{_nodeTopicPrefix}DCMD/{_options.EdgeNodeId}/+", MqttQualityOfServiceLevel.AtLeastOnce);
            if (_options.PrimaryHostId is { } host)
            {
                subscribe.WithTopicFilter(SparkplugTopic.State(host).ToString(), MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await _client.SubscribeAsync(subscribe.Build(), ct).ConfigureAwait(false);
            SparkplugEdgeNodeLog.Connected(_logger, _options.EdgeNodeId, _options.Host, _options.Port, _bdSeq);
            if (_hostOnline)
            {
                await BirthLockedAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task BirthLockedAsync(CancellationToken ct)
    {
        var birth = _birth();
        var now = _time.GetUtcNow().UtcDateTime;
        _aliases.Clear();
        _names.Clear();
        ulong next = 1;
        var nodeMetrics = new List<SparkplugMetric>(birth.NodeMetrics.Count + 2)
        {
            new(BdSeqMetric, SparkplugDataType.Int64, SampleValue.FromLong(_bdSeq)),
            WithAlias(string.Empty, new SparkplugMetric(RebirthMetric, SparkplugDataType.Boolean, SampleValue.FromBool(false)), ref next),
        };
        foreach (var metric in birth.NodeMetrics)
        {
            nodeMetrics.Add(WithAlias(string.Empty, metric, ref next));
        }

        var devices = new List<(string Device, List<SparkplugMetric> Metrics)>(birth.Devices.Count);
        foreach (var (device, metrics) in birth.Devices)
        {
            var list = new List<SparkplugMetric>(metrics.Count);
            foreach (var metric in metrics)
            {
                list.Add(WithAlias(device, metric, ref next));
            }

            devices.Add((device, list));
        }

        _seq = 0;
        await PublishAsync(NodeTopic(SparkplugMessageType.NBirth), new SparkplugPayload(now, NextSeq(), nodeMetrics), MqttQualityOfServiceLevel.AtMostOnce, ct).ConfigureAwait(false);
        foreach (var (device, metrics) in devices)
        {
            var topic = SparkplugTopic.Device(SparkplugMessageType.DBirth, _options.GroupId, _options.EdgeNodeId, device);
            await PublishAsync(topic, new SparkplugPayload(now, NextSeq(), metrics), MqttQualityOfServiceLevel.AtMostOnce, ct).ConfigureAwait(false);
        }

        _isBorn = true;
        _born.TrySetResult();
        SparkplugEdgeNodeLog.Born(_logger, _options.EdgeNodeId, nodeMetrics.Count, devices.Count);
    }

    private SparkplugMetric WithAlias(string device, SparkplugMetric metric, ref ulong next)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Name is null)
        {
            throw new ArgumentException("a birth metric needs a name", nameof(metric));
        }

        var type = metric.DataType == SparkplugDataType.Unknown ? SparkplugValues.Infer(metric.Value) : metric.DataType;
        var alias = next++;
        _aliases[(device, metric.Name)] = (alias, type);
        _names[(device, alias)] = (metric.Name, type);
        return metric with { Alias = alias, DataType = type };
    }

    private async Task PublishDataAsync(SparkplugMessageType type, string device, IReadOnlyList<SparkplugMetric> metrics, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_isBorn || !_client.IsConnected)
            {
                SparkplugEdgeNodeLog.DataDropped(_logger, _options.EdgeNodeId, type == SparkplugMessageType.NData ? "NDATA" : "DDATA");
                return;
            }

            var wire = new SparkplugMetric[metrics.Count];
            for (var i = 0; i < wire.Length; i++)
            {
                var metric = metrics[i];
                wire[i] = metric.Name is not null && _aliases.TryGetValue((device, metric.Name), out var known)
                    ? metric with { Name = null, Alias = known.Alias, DataType = known.Type }
                    : metric;
            }

            var payload = new SparkplugPayload(_time.GetUtcNow().UtcDateTime, NextSeq(), wire);
            var topic = type == SparkplugMessageType.NData
                ? NodeTopic(type)
                : SparkplugTopic.Device(type, _options.GroupId, _options.EdgeNodeId, device).ToString();
            await PublishAsync(topic, payload, MqttQualityOfServiceLevel.AtMostOnce, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task PublishAsync(SparkplugTopic topic, SparkplugPayload payload, MqttQualityOfServiceLevel qos, CancellationToken ct) =>
        PublishAsync(topic.ToString(), payload, qos, ct);

    private async Task PublishAsync(string topic, SparkplugPayload payload, MqttQualityOfServiceLevel qos, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        SparkplugPayloadCodec.Encode(payload, buffer);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(buffer.WrittenMemory.ToArray())
            .WithQualityOfServiceLevel(qos)
            .Build();
        await _client.PublishAsync(message, ct).ConfigureAwait(false);
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // Copied: MQTTnet reuses the buffer after the handler returns. Commands are rare.
        _inbound.Writer.TryWrite((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (_stopping || !e.ClientWasConnected || _lifetime.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        SparkplugEdgeNodeLog.ConnectionLost(_logger, _options.EdgeNodeId, e.Reason.ToString(), e.Exception);
        if (_reconnectLoop is null || _reconnectLoop.IsCompleted)
        {
            _reconnectLoop = Task.Run(() => ReconnectLoopAsync(_lifetime.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task ReconnectLoopAsync(CancellationToken ct)
    {
        var delay = MinBackoff;
        while (!ct.IsCancellationRequested && !_stopping && !_client.IsConnected)
        {
            try
            {
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                await ConnectOnceAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Any failure to reach the server is retried; the loop must outlive it.
                SparkplugEdgeNodeLog.ReconnectFailed(_logger, _options.EdgeNodeId, delay.TotalMilliseconds, ex);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task InboundLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (topic, payload) in _inbound.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await HandleInboundAsync(topic, payload, ct).ConfigureAwait(false);
                }
                catch (SparkplugFormatException ex)
                {
                    SparkplugEdgeNodeLog.BadCommand(_logger, _options.EdgeNodeId, topic, ex.Message);
                }
                catch (Exception ex) when (ex is MqttCommunicationException or JsonException)
                {
                    SparkplugEdgeNodeLog.BadCommand(_logger, _options.EdgeNodeId, topic, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task HandleInboundAsync(string topic, byte[] payload, CancellationToken ct)
    {
        if (!SparkplugTopic.TryParse(topic, out var parsed, out var error))
        {
            SparkplugEdgeNodeLog.BadCommand(_logger, _options.EdgeNodeId, topic, error);
            return;
        }

        if (parsed.MessageType == SparkplugMessageType.State)
        {
            await HandleStateAsync(payload, ct).ConfigureAwait(false);
            return;
        }

        var decoded = SparkplugPayloadCodec.Decode(payload);
        var device = parsed.MessageType == SparkplugMessageType.DCmd ? parsed.DeviceId! : string.Empty;
        foreach (var raw in decoded.Metrics)
        {
            var metric = Resolve(device, raw);
            if (parsed.MessageType == SparkplugMessageType.NCmd)
            {
                if (metric.Name == RebirthMetric && metric.Value.AsBool())
                {
                    await RebirthAsync(ct).ConfigureAwait(false);
                }
                else if (NodeCommandReceived is { } handlers)
                {
                    foreach (var handler in handlers.GetInvocationList().Cast<Func<SparkplugMetric, Task>>())
                    {
                        await InvokeHandlerAsync(() => handler(metric), topic).ConfigureAwait(false);
                    }
                }
            }
            else if (parsed.MessageType == SparkplugMessageType.DCmd && DeviceCommandReceived is { } handlers)
            {
                foreach (var handler in handlers.GetInvocationList().Cast<Func<string, SparkplugMetric, Task>>())
                {
                    await InvokeHandlerAsync(() => handler(device, metric), topic).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task InvokeHandlerAsync(Func<Task> handler, string topic)
    {
        try
        {
            await handler().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A subscriber's failure must not stop the command loop; it is logged.
            SparkplugEdgeNodeLog.HandlerFailed(_logger, _options.EdgeNodeId, topic, ex);
        }
    }

    private SparkplugMetric Resolve(string device, SparkplugMetric metric)
    {
        if (metric.Alias is { } alias && _names.TryGetValue((device, alias), out var known))
        {
            var type = metric.DataType == SparkplugDataType.Unknown ? known.Type : metric.DataType;
            return metric with
            {
                Name = metric.Name ?? known.Name,
                DataType = type,
                Value = metric.DataType == SparkplugDataType.Unknown ? SparkplugValues.FromRaw(type, metric.Value) : metric.Value,
            };
        }

        return metric;
    }

    private async Task RebirthAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected && _hostOnline)
            {
                SparkplugEdgeNodeLog.RebirthRequested(_logger, _options.EdgeNodeId);
                await BirthLockedAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task HandleStateAsync(byte[] payload, CancellationToken ct)
    {
        var online = false;
        if (payload.Length > 0)
        {
            using var document = JsonDocument.Parse(payload);
            online = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("online", out var property)
                && property.ValueKind == JsonValueKind.True;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var wasOnline = _hostOnline;
            _hostOnline = online;
            SparkplugEdgeNodeLog.HostState(_logger, _options.EdgeNodeId, _options.PrimaryHostId ?? string.Empty, online);
            if (!online)
            {
                // Sparkplug 3.0: no data while the primary host is offline; births again when it returns.
                _isBorn = false;
            }
            else if (!wasOnline && _client.IsConnected)
            {
                await BirthLockedAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
