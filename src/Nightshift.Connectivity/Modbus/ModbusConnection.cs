using System.Buffers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// One TCP connection to a Modbus gateway: a read loop that takes whole frames off the socket into a pooled buffer and
/// completes the one request that waits for that transaction id (responses for no waiting request are dropped), and a
/// send path. Closed for good on the first transport error or a header that loses the framing. Thread-safe.
/// </summary>
internal sealed class ModbusConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly ILogger _logger;
    private readonly string _host;
    private readonly int _port;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _reader;
    private ModbusExpectedResponse? _expected;
    private bool _closed;

    private ModbusConnection(Socket socket, ILogger logger, string host, int port)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _logger = logger;
        _host = host;
        _port = port;
        _reader = Task.Run(ReadLoopAsync);
    }

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    public static async Task<ModbusConnection> ConnectAsync(string host, int port, TimeSpan timeout, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeoutSource = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            try
            {
                await socket.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Connecting to {host}:{port} took longer than {timeout.TotalMilliseconds:0} ms.");
            }

            return new ModbusConnection(socket, logger, host, port);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Registers the request that waits for <paramref name="transactionId"/>; its task completes with the response.</summary>
    public Task<ModbusResponse> Expect(ushort transactionId, ModbusRequest request)
    {
        var expected = new ModbusExpectedResponse(transactionId, request);
        lock (_gate)
        {
            if (_closed)
            {
                throw new IOException($"The connection to {_host}:{_port} is closed.");
            }

            _expected = expected;
        }

        return expected.Completion.Task;
    }

    /// <summary>Stops waiting for <paramref name="transactionId"/>; a late response to it will be dropped.</summary>
    public void Forget(ushort transactionId)
    {
        lock (_gate)
        {
            if (_expected?.TransactionId == transactionId)
            {
                _expected = null;
            }
        }
    }

    /// <summary>Sends one frame.</summary>
    /// <exception cref="IOException">The connection failed; it is closed.</exception>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Close(e.Message);
            throw new IOException($"Sending to {_host}:{_port} failed: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close("closed by the client", byClient: true);
        await _reader.ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MbapHeader.MaxFrameSize);
        try
        {
            while (true)
            {
                await _stream.ReadExactlyAsync(buffer.AsMemory(0, MbapHeader.Size), _closing.Token).ConfigureAwait(false);
                var size = ModbusCodec.FrameSize(buffer.AsSpan(0, MbapHeader.Size));
                await _stream.ReadExactlyAsync(buffer.AsMemory(MbapHeader.Size, size - MbapHeader.Size), _closing.Token).ConfigureAwait(false);
                Dispatch(buffer.AsSpan(0, size));
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Closed by us.
        }
        catch (EndOfStreamException)
        {
            Close("closed by the gateway");
        }
        catch (ModbusFormatException e)
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.ModbusMalformedResponse);
            ModbusLog.MalformedResponse(_logger, _host, _port, e.Message);
            Close("lost the framing: " + e.Message);
        }
        catch (Exception e)
        {
            // Any failure of the transport ends this connection; the client opens a new one.
            Close(e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> frame)
    {
        var transactionId = (ushort)((frame[0] << 8) | frame[1]);
        ModbusExpectedResponse? expected;
        lock (_gate)
        {
            expected = _expected?.TransactionId == transactionId ? _expected : null;
            if (expected is not null)
            {
                _expected = null;
            }
        }

        if (expected is null)
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.ModbusStrayResponse);
            ModbusLog.StrayResponse(_logger, _host, _port, transactionId);
            return;
        }

        try
        {
            expected.Completion.TrySetResult(ModbusCodec.DecodeResponse(frame, expected.Request));
        }
        catch (ModbusFormatException e)
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.ModbusMalformedResponse);
            ModbusLog.MalformedResponse(_logger, _host, _port, e.Message);
            expected.Completion.TrySetException(e);
        }
    }

    private void Close(string reason, bool byClient = false)
    {
        ModbusExpectedResponse? expected;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            expected = _expected;
            _expected = null;
        }

        if (!byClient)
        {
            ModbusLog.ConnectionLost(_logger, _host, _port, reason);
        }

        expected?.Completion.TrySetException(new IOException($"The connection to {_host}:{_port} was lost: {reason}"));
        _closing.Cancel();
        _socket.Dispose();
    }
}
