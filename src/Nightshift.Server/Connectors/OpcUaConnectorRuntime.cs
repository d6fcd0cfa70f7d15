using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nightshift.Connectivity.OpcUa.Client;
using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Server.Connectors;

/// <summary>
/// One running OPC UA connector: connects to the server (retrying with exponential backoff and jitter until the first
/// connection succeeds; from then on the <see cref="OpcUaClient"/> reconnects itself and re-creates its subscriptions),
/// creates one subscription per poll group (its interval as publishing and sampling interval) and delivers every value
/// change to the ingest sink under the source <c>opcua/{equipment path}</c> (bound) or <c>opcua/{host}-{port}</c>.
/// While the connection is lost the source is offline with <c>BadNotConnected</c>. Writes go through OPC UA Write and
/// are read back. Start and stop are called one at a time; status and writes are thread-safe.
/// </summary>
public sealed partial class OpcUaConnectorRuntime : IConnectorRuntime
{
    private readonly string _tenant;
    private readonly ConnectorSettings _settings;
    private readonly OpcUaConnectorSettings _opcUa;
    private readonly IIngestSink _sink;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly string _pkiFolder;
    private readonly string _source;
    private readonly Dictionary<string, OpcUaItem> _items;
    private readonly ConcurrentDictionary<string, BuiltInType> _types = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stopping;
    private Task _run = Task.CompletedTask;
    private volatile OpcUaClient? _client;
    private CertificateStore? _certificates;
    private volatile bool _running;
    private ConnectorState _state = ConnectorState.Disabled;
    private string? _lastError;
    private DateTime? _lastErrorTime;
    private DateTime? _lastDataTime;
    private long _notifications;
    private long _errors;
    private long _points;
    private long _reconnects;

    /// <param name="tenant">The tenant the values belong to.</param>
    /// <param name="settings">The checked settings, with <see cref="ConnectorSettings.OpcUa"/>.</param>
    /// <param name="sink">Where values go.</param>
    /// <param name="time">The clock of backoff and timestamps.</param>
    /// <param name="loggers">Loggers of the client and runtime.</param>
    /// <param name="pkiFolder">The certificate store (own certificate, trusted and rejected servers) for secure channels.</param>
    public OpcUaConnectorRuntime(string tenant, ConnectorSettings settings, IIngestSink sink, TimeProvider time, ILoggerFactory loggers, string pkiFolder)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        _tenant = tenant;
        _settings = settings;
        _opcUa = settings.OpcUa ?? throw new ArgumentException("The settings are not those of an OPC UA connector.", nameof(settings));
        _sink = sink;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<OpcUaConnectorRuntime>();
        _pkiFolder = pkiFolder;
        _source = SourceOf(settings);
        _items = _opcUa.Groups.SelectMany(g => g.Items).ToDictionary(i => i.Name, StringComparer.Ordinal);
    }

    public ConnectorSettings Settings => _settings;

    public bool IsRunning => _running;

    public ConnectorStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new ConnectorStatus(
                    _running ? _state : ConnectorState.Disabled,
                    _lastError,
                    _lastErrorTime,
                    Interlocked.Read(ref _notifications),
                    Interlocked.Read(ref _errors),
                    Interlocked.Read(ref _points),
                    Interlocked.Read(ref _reconnects),
                    _lastDataTime);
            }
        }
    }

    /// <summary>The source a connector's values are delivered under: <c>opcua/{equipment}</c> or <c>opcua/{host}-{port}</c>.</summary>
    public static string SourceOf(ConnectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Equipment is { } equipment
            ? ConnectorDocumentReader.OpcUaKind + "/" + equipment.Value
            : FormattableString.Invariant($"{ConnectorDocumentReader.OpcUaKind}/{settings.Host}-{settings.Port}");
    }

    public void Start()
    {
        if (_running)
        {
            return;
        }

        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        SetState(ConnectorState.Connecting);
        _running = true;
        _run = Task.Run(() => RunAsync(token), CancellationToken.None);
        ConnectorLog.Started(_logger, _tenant, _settings.Name, ConnectorDocumentReader.OpcUaKind, _settings.Host, _settings.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        if (_stopping is { } stopping)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            stopping.Dispose();
            _stopping = null;
        }

        if (Interlocked.Exchange(ref _client, null) is { } client)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        _certificates?.Dispose();
        _certificates = null;
        await _sink.SourceStatusAsync(_tenant, _source, false, Quality.BadOutOfService, _time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        ConnectorLog.Stopped(_logger, _tenant, _settings.Name);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    public async Task<bool> TryWriteAsync(string source, string tag, SampleValue value, CancellationToken cancellationToken)
    {
        if (!string.Equals(source, _source, StringComparison.Ordinal) || !_items.TryGetValue(tag, out var item))
        {
            return false;
        }

        if (!_running || _client is not { State: OpcUaConnectionState.Connected } client)
        {
            throw new InvalidOperationException($"connector {_settings.Name} is not connected to {_opcUa.EndpointUrl}");
        }

        if (!_types.TryGetValue(tag, out var type))
        {
            var current = await client.ReadValueAsync(item.NodeId, cancellationToken).ConfigureAwait(false);
            type = current.Value.Type;
            _types[tag] = type;
        }

        var variant = OpcUaWriteValue.ToVariant(value, type);
        var status = await client.WriteValueAsync(item.NodeId, variant, cancellationToken).ConfigureAwait(false);
        if (!status.IsGood)
        {
            throw new InvalidOperationException($"the server refused the write of {item.NodeId}: {status}");
        }

        // Read back at once, so the twin confirms without waiting for the subscription's next publish.
        var readBack = await client.ReadValueAsync(item.NodeId, cancellationToken).ConfigureAwait(false);
        await DeliverAsync([new SourcePoint(tag, Timestamp(readBack), readBack.Value.ToSampleValue(), readBack.Status.ToQuality())], cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = _settings.ReconnectDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                _client = client;
                foreach (var group in _opcUa.Groups)
                {
                    var items = group.Items.Select(i => new MonitoredItemDefinition(i.NodeId)
                    {
                        Name = i.Name,
                        SamplingIntervalMs = group.Interval.TotalMilliseconds,
                        Filter = i.Deadband is { } deadband ? new DataChangeFilter(DataChangeTrigger.StatusValue, DeadbandType.Absolute, deadband) : null,
                    }).ToList();
                    var subscription = await client.SubscribeAsync(items, OnValuesAsync, new SubscriptionOptions { PublishingInterval = group.Interval }, cancellationToken).ConfigureAwait(false);
                    foreach (var refused in subscription.Items.Where(i => !i.Status.IsGood))
                    {
                        RecordError($"{refused.Name} ({refused.NodeId}): {refused.Status}");
                    }
                }

                SetState(ConnectorState.Connected);
                await _sink.SourceStatusAsync(_tenant, _source, true, Quality.Good, _time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
                LogConnected(_logger, _tenant, _settings.Name, _opcUa.EndpointUrl, _items.Count);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (Interlocked.Exchange(ref _client, null) is { } failed)
                {
                    await failed.DisposeAsync().ConfigureAwait(false);
                }

                RecordError($"no connection to {_opcUa.EndpointUrl}: {ex.Message}");
                SetState(ConnectorState.Faulted);
                LogConnectFailed(_logger, _tenant, _settings.Name, _opcUa.EndpointUrl, ex.Message);
                await _sink.SourceStatusAsync(_tenant, _source, false, Quality.BadNotConnected, _time.GetUtcNow().UtcDateTime, CancellationToken.None).ConfigureAwait(false);
            }

            var jittered = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + (Random.Shared.NextDouble() * 0.5)));
            try
            {
                await Task.Delay(jittered, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, _settings.MaxReconnectDelay.TotalMilliseconds));
        }
    }

    private async Task<OpcUaClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_opcUa.Mode != MessageSecurityMode.None)
        {
            // The store lives as long as the runtime: the client asks its factory again on every reconnect.
            _certificates ??= new CertificateStore(_pkiFolder, new CertificateStoreOptions(), _time, _loggers.CreateLogger<CertificateStore>());
        }

        return await ConnectAsync(_settings, _certificates, OnStateChanged, _time, _loggers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a session as an OPC UA connector with these settings does: its security (with the node's certificate store
    /// when the mode is secure), identity, timeouts and reconnect backoff.
    /// </summary>
    /// <exception cref="OpcUaServiceException">The server refused (e.g. a wrong password) or did not answer.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">No TCP connection could be made.</exception>
    /// <exception cref="OpcUaSecurityException">The server's certificate is not trusted (it was put into the rejected folder).</exception>
    public static async Task<OpcUaClient> ConnectAsync(
        ConnectorSettings settings, CertificateStore? certificates, Action<OpcUaConnectionState>? stateChanged, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        var opcUa = settings.OpcUa ?? throw new ArgumentException("The settings are not those of an OPC UA connector.", nameof(settings));
        Func<EndpointDescription, IChannelSecurity>? security = null;
        var applicationUri = new OpcUaClientOptions().ApplicationUri;
        if (opcUa.Mode != MessageSecurityMode.None)
        {
            var store = certificates ?? throw new ArgumentException("A secure mode needs the certificate store.", nameof(certificates));
            security = store.CreateSecurityFactory(await store.GetApplicationCertificateAsync(cancellationToken).ConfigureAwait(false));
            applicationUri = store.ApplicationUri;
        }

        var options = new OpcUaClientOptions
        {
            ApplicationUri = applicationUri,
            SecurityMode = opcUa.Mode,
            SecurityPolicyUri = opcUa.PolicyUri,
            SecurityFactory = security,
            Identity = opcUa.User is { } user ? UserIdentity.FromUserName(user, opcUa.Password ?? string.Empty) : UserIdentity.Anonymous,
            RequestTimeout = settings.RequestTimeout,
            ReconnectDelay = settings.ReconnectDelay,
            MaxReconnectDelay = settings.MaxReconnectDelay,
            StateChanged = stateChanged,
        };
        return await OpcUaClient.ConnectAsync(opcUa.EndpointUrl, options, time, loggers.CreateLogger<OpcUaClient>(), cancellationToken).ConfigureAwait(false);
    }

    private void OnStateChanged(OpcUaConnectionState state)
    {
        if (!_running || _client is null)
        {
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (state == OpcUaConnectionState.Reconnecting)
        {
            Interlocked.Increment(ref _reconnects);
            RecordError($"connection to {_opcUa.EndpointUrl} lost; reconnecting");
            SetState(ConnectorState.Faulted);
            _ = ReportAsync(false, Quality.BadNotConnected, now);
        }
        else if (state == OpcUaConnectionState.Connected)
        {
            SetState(ConnectorState.Connected);
            _ = ReportAsync(true, Quality.Good, now);
        }
    }

    private async Task ReportAsync(bool online, Quality quality, DateTime timestamp)
    {
        try
        {
            await _sink.SourceStatusAsync(_tenant, _source, online, quality, timestamp, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ConnectorLog.MarkOfflineFailed(_logger, _tenant, _settings.Name, ex);
        }
    }

    private async ValueTask OnValuesAsync(IReadOnlyList<OpcUaValueChange> changes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _notifications);
        var points = new List<SourcePoint>(changes.Count);
        foreach (var change in changes)
        {
            if (change.Item.Name is not { } name)
            {
                continue;
            }

            if (!change.Value.Value.IsNull)
            {
                _types[name] = change.Value.Value.Type;
            }

            points.Add(new SourcePoint(name, Timestamp(change.Value), change.Value.Value.ToSampleValue(), change.Value.Status.ToQuality()));
        }

        await DeliverAsync(points, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeliverAsync(List<SourcePoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
        {
            return;
        }

        try
        {
            await _sink.IngestAsync(new SourceBatch(_tenant, _source, points), cancellationToken).ConfigureAwait(false);
            var good = points.Count(p => p.Quality.IsGood);
            Interlocked.Add(ref _points, good);
            if (good > 0)
            {
                lock (_gate)
                {
                    _lastDataTime = _time.GetUtcNow().UtcDateTime;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            RecordError("the values could not be delivered: " + ex.Message);
        }
    }

    private DateTime Timestamp(DataValue value) => value.SourceTimestamp ?? value.ServerTimestamp ?? _time.GetUtcNow().UtcDateTime;

    private void SetState(ConnectorState state)
    {
        lock (_gate)
        {
            _state = state;
        }
    }

    private void RecordError(string error)
    {
        Interlocked.Increment(ref _errors);
        lock (_gate)
        {
            _lastError = error;
            _lastErrorTime = _time.GetUtcNow().UtcDateTime;
        }
    }

    [LoggerMessage(EventId = 4350, Level = LogLevel.Information, Message = "OPC UA connector {Tenant}/{Name} connected to {Endpoint} with {Items} monitored items")]
    private static partial void LogConnected(ILogger logger, string tenant, string name, string endpoint, int items);

    [LoggerMessage(EventId = 4351, Level = LogLevel.Warning, Message = "OPC UA connector {Tenant}/{Name} could not connect to {Endpoint}: {Reason}; retrying with backoff")]
    private static partial void LogConnectFailed(ILogger logger, string tenant, string name, string endpoint, string reason);
}
