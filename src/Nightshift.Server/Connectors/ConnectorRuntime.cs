using Microsoft.Extensions.Logging;
using Nightshift.Connectivity.Modbus;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Server.Connectors;

/// <summary>
/// One running Modbus connector: a <see cref="ModbusTcpClient"/> (one connection, exponential backoff with jitter between
/// attempts) and a <see cref="ModbusPoller"/> feeding the ingest sink, plus the watchdog: when the connection is open but
/// no request was answered for <see cref="ConnectorSettings.MissedIntervals"/> intervals of the fastest poll group, the
/// client and poller are dropped and made again. Stopping marks the connector's sources offline (Bad_OutOfService).
/// Start and stop are called by <see cref="ConnectorManager"/> one at a time; <see cref="Status"/> is thread-safe.
/// </summary>
public sealed class ConnectorRuntime : IConnectorRuntime
{
    private readonly string _tenant;
    private readonly ConnectorSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ConnectorSink _sink;
    private ModbusTcpClient? _client;
    private ModbusPoller? _poller;
    private CancellationTokenSource? _stopping;
    private Task _watchdog = Task.CompletedTask;
    private DateTime _connectedSince;
    private long _reconnects;
    private volatile bool _running;

    /// <param name="tenant">The tenant the values belong to.</param>
    /// <param name="settings">The checked settings (<see cref="ConnectorDocumentReader"/>).</param>
    /// <param name="sink">Where values go.</param>
    /// <param name="time">The clock of the poll timers and the watchdog.</param>
    /// <param name="loggers">Loggers of the client, poller and runtime.</param>
    public ConnectorRuntime(string tenant, ConnectorSettings settings, IIngestSink sink, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        _tenant = tenant;
        _settings = settings;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ConnectorRuntime>();
        _sink = new ConnectorSink(settings, sink, time);
    }

    public ConnectorSettings Settings => _settings;

    /// <summary>True between <see cref="Start"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => _running;

    /// <summary>The connector's state and counters now.</summary>
    public ConnectorStatus Status => _sink.Status(_running, Interlocked.Read(ref _reconnects));

    /// <summary>Connects and starts polling; does nothing when running.</summary>
    public void Start()
    {
        if (_running)
        {
            return;
        }

        Open();
        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        _watchdog = _settings.MissedIntervals > 0 ? Task.Run(() => WatchAsync(token), CancellationToken.None) : Task.CompletedTask;
        _running = true;
        ConnectorLog.Started(_logger, _tenant, _settings.Name, ConnectorDocumentReader.ModbusKind, _settings.Host, _settings.Port);
    }

    /// <summary>Stops polling, closes the connection and marks the connector's sources offline.</summary>
    /// <exception cref="OperationCanceledException">The caller cancelled while the sources were being marked.</exception>
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
            await _watchdog.ConfigureAwait(false);
            stopping.Dispose();
            _stopping = null;
        }

        await CloseAsync().ConfigureAwait(false);
        try
        {
            await _sink.MarkOfflineAsync(_tenant, Quality.BadOutOfService, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ConnectorLog.MarkOfflineFailed(_logger, _tenant, _settings.Name, e);
        }

        ConnectorLog.Stopped(_logger, _tenant, _settings.Name);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<bool> TryWriteAsync(string source, string tag, SampleValue value, CancellationToken cancellationToken)
    {
        if (FindPoint(source, tag) is not { } point)
        {
            return false;
        }

        if (!_running || _poller is not { } poller)
        {
            throw new InvalidOperationException($"connector {_settings.Name} is disabled");
        }

        var result = await poller.WriteAsync(point, value, cancellationToken).ConfigureAwait(false);
        return result.Quality.IsGood ? true : throw new InvalidOperationException($"the device refused the write: {result.Quality}");
    }

    private ModbusPoint? FindPoint(string source, string tag)
    {
        foreach (var group in _settings.Groups)
        {
            foreach (var point in group.Points)
            {
                if (string.Equals(point.Name, tag, StringComparison.Ordinal) && string.Equals(SourceOf(point), source, StringComparison.Ordinal))
                {
                    return point;
                }
            }
        }

        return null;
    }

    private string SourceOf(ModbusPoint point) =>
        _settings.Equipment is { } equipment
            ? ConnectorDocumentReader.ModbusKind + "/" + equipment.Value
            : FormattableString.Invariant($"{ConnectorDocumentReader.ModbusKind}/{_settings.Host}-{_settings.Port}/{point.UnitId}");

    private void Open()
    {
        var client = new ModbusTcpClient(
            new ModbusTcpClientOptions
            {
                Host = _settings.Host,
                Port = _settings.Port,
                RequestTimeout = _settings.RequestTimeout,
                ReconnectDelay = _settings.ReconnectDelay,
                MaxReconnectDelay = _settings.MaxReconnectDelay,
            },
            _time,
            _loggers.CreateLogger<ModbusTcpClient>());
        var poller = new ModbusPoller(client, _tenant, _settings.Groups, _sink, _time, _loggers.CreateLogger<ModbusPoller>());
        _client = client;
        _poller = poller;
        _connectedSince = _time.GetUtcNow().UtcDateTime;
        poller.Start();
    }

    private async Task CloseAsync()
    {
        if (_poller is { } poller)
        {
            await poller.DisposeAsync().ConfigureAwait(false);
            _poller = null;
        }

        if (_client is { } client)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            _client = null;
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var fastest = _settings.FastestInterval;
        var limit = fastest * _settings.MissedIntervals;
        try
        {
            using var timer = new PeriodicTimer(fastest, _time);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                // A closed connection is the client's to remake, with its backoff; the watchdog handles an open one
                // that answers nothing (a hung device or a half-open connection).
                var since = _sink.LastAnswerTime is { } answered && answered > _connectedSince ? answered : _connectedSince;
                if (_client is not { IsConnected: true } || _time.GetUtcNow().UtcDateTime - since < limit)
                {
                    continue;
                }

                ConnectorLog.WatchdogReconnect(_logger, _tenant, _settings.Name, _settings.MissedIntervals, (long)limit.TotalMilliseconds);
                await CloseAsync().ConfigureAwait(false);
                _sink.ResetOutcome();
                Interlocked.Increment(ref _reconnects);
                Open();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception e)
        {
            ConnectorLog.WatchdogFailed(_logger, _tenant, _settings.Name, e);
        }
    }
}
