using System.Net;
using System.Net.Sockets;

namespace Nightshift.Server.Tests.Connectors;

/// <summary>
/// A TCP server on a loopback port that accepts connections and never answers: the hung device or half-open connection
/// the watchdog exists for, which no real Modbus server can be made to play. Counts accepted connections. Thread-safe.
/// </summary>
public sealed class SilentModbusServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public SilentModbusServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted
    {
        get
        {
            lock (_accepted)
            {
                return _accepted.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped while accepting.
        }

        lock (_accepted)
        {
            foreach (var client in _accepted)
            {
                client.Dispose();
            }
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            lock (_accepted)
            {
                _accepted.Add(client);
            }
        }
    }
}
