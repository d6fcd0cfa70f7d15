using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// A Modbus TCP client for one gateway (host:port): one TCP connection, and a FIFO request queue served by one worker, so
/// the devices (unit ids) behind the gateway get one request at a time, as most gateways and serial lines need. Each
/// request gets the next transaction id and waits at most <see cref="ModbusTcpClientOptions.RequestTimeout"/> for the
/// response with that id; late responses are dropped. The connection is opened on the first request and re-opened after a
/// loss; after a failed attempt, requests fail at once until the next attempt is due (exponential backoff with jitter
/// between <see cref="ModbusTcpClientOptions.ReconnectDelay"/> and <see cref="ModbusTcpClientOptions.MaxReconnectDelay"/>).
/// Thread-safe: any number of callers may send concurrently.
/// </summary>
public sealed class ModbusTcpClient : IAsyncDisposable
{
    private readonly ModbusTcpClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<ModbusPendingRequest> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private ModbusConnection? _connection;
    private ushort _nextTransactionId = 1;
    private int _failures;
    private DateTimeOffset _nextAttempt;
    private string _lastError = "not connected yet";
    private volatile bool _connected;
    private int _disposed;

    /// <exception cref="ArgumentException">No host, a port outside 1..65535, or a non-positive timeout.</exception>
    public ModbusTcpClient(ModbusTcpClientOptions options, TimeProvider? timeProvider = null, ILogger<ModbusTcpClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ModbusTcpClient>.Instance;
        _queue = Channel.CreateBounded<ModbusPendingRequest>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true });
        _worker = Task.Run(RunAsync);
    }

    public string Host => _options.Host;

    public int Port => _options.Port;

    /// <summary>True while a connection to the gateway is open.</summary>
    public bool IsConnected => _connected;

    /// <summary>
    /// Queues <paramref name="request"/> and returns its response, which may be an exception response
    /// (<see cref="ModbusResponse.IsException"/>).
    /// </summary>
    /// <exception cref="TimeoutException">No response within the request timeout, or the connection attempt timed out.</exception>
    /// <exception cref="IOException">No connection to the gateway (refused, lost, or waiting for the next attempt).</exception>
    /// <exception cref="ModbusFormatException">The response was malformed or did not answer the request.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public async Task<ModbusResponse> SendAsync(ModbusRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var pending = new ModbusPendingRequest(request, cancellationToken);
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new ObjectDisposedException(nameof(ModbusTcpClient), e);
        }

        await using var registration = cancellationToken.Register(static state => ((ModbusPendingRequest)state!).Cancel(((ModbusPendingRequest)state!).CancellationToken), pending).ConfigureAwait(false);
        return await pending.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var pending))
                {
                    try
                    {
                        await ServeAsync(pending, stopping).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!stopping.IsCancellationRequested)
                    {
                        // Whatever went wrong belongs to this request; the queue keeps being served.
                        pending.Fail(e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed.
        }
        finally
        {
            while (_queue.Reader.TryRead(out var left))
            {
                left.Fail(new ObjectDisposedException(nameof(ModbusTcpClient)));
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
                _connected = false;
            }
        }
    }

    private async Task ServeAsync(ModbusPendingRequest pending, CancellationToken stopping)
    {
        if (pending.CancellationToken.IsCancellationRequested)
        {
            pending.Cancel(pending.CancellationToken);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, pending.CancellationToken);
        ModbusConnection? connection = null;
        Task<ModbusResponse>? response = null;
        var transactionId = _nextTransactionId++;
        try
        {
            connection = await ConnectAsync(linked.Token).ConfigureAwait(false);
            response = connection.Expect(transactionId, pending.Request);
            var buffer = ArrayPool<byte>.Shared.Rent(pending.Request.FrameSize);
            try
            {
                var length = ModbusCodec.EncodeRequest(pending.Request, transactionId, buffer);
                await connection.SendAsync(buffer.AsMemory(0, length), linked.Token).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            pending.Complete(await response.WaitAsync(_options.RequestTimeout, _time, linked.Token).ConfigureAwait(false));
        }
        catch (TimeoutException e)
        {
            connection?.Forget(transactionId);
            ConnectivityMetrics.Error(ConnectivityMetrics.ModbusTimeout);
            ModbusLog.RequestTimedOut(_logger, Host, Port, pending.Request);
            pending.Fail(connection is null ? e : new TimeoutException($"{pending.Request} got no response from {Host}:{Port} within {_options.RequestTimeout.TotalMilliseconds:0} ms.", e));
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            connection?.Forget(transactionId);
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Cancel(pending.CancellationToken);
            }
            else
            {
                pending.Fail(new ObjectDisposedException(nameof(ModbusTcpClient)));
            }
        }
        catch (Exception e) when (e is IOException or ModbusFormatException)
        {
            if (e is IOException)
            {
                ConnectivityMetrics.Error(ConnectivityMetrics.ModbusNotConnected);
            }

            pending.Fail(e);
        }
        finally
        {
            // A send that failed closed the connection, which faulted the response nobody awaits: observe it.
            if (response is { IsFaulted: true })
            {
                _ = response.Exception;
            }

            _connected = _connection is { IsClosed: false };
        }
    }

    private async Task<ModbusConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsClosed: false } open)
        {
            return open;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
            _lastError = "connection lost";
        }

        var now = _time.GetUtcNow();
        if (now < _nextAttempt)
        {
            throw new IOException($"Not connected to {Host}:{Port} ({_lastError}); next attempt in {(_nextAttempt - now).TotalMilliseconds:0} ms.");
        }

        try
        {
            _connection = await ModbusConnection.ConnectAsync(Host, Port, _options.ConnectTimeout, _time, _logger, cancellationToken).ConfigureAwait(false);
            _failures = 0;
            _connected = true;
            ModbusLog.Connected(_logger, Host, Port);
            return _connection;
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            _failures++;
            var delay = BackoffDelay(_failures);
            _nextAttempt = _time.GetUtcNow() + delay;
            _lastError = e.Message;
            ModbusLog.ConnectFailed(_logger, Host, Port, e.Message, (long)delay.TotalMilliseconds);
            throw new IOException($"Could not connect to {Host}:{Port}: {e.Message}", e);
        }
    }

    private TimeSpan BackoffDelay(int failures)
    {
        var exponential = Math.Min(
            _options.MaxReconnectDelay.TotalMilliseconds,
            _options.ReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)));

        // "Equal jitter": half the delay fixed, half random, so that clients of one gateway that failed together spread out.
        return TimeSpan.FromMilliseconds(exponential * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
