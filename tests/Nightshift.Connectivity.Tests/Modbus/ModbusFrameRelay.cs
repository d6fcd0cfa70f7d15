using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Nightshift.Connectivity.Tests.Modbus;

/// <summary>
/// A transparent TCP relay between a Modbus client and a real server that counts the requests outstanding on the wire
/// (request frames sent minus response frames returned), to show that a client never has two in flight.
/// </summary>
public sealed class ModbusFrameRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private Task? _accept;
    private int _outstanding;
    private int _maxOutstanding;
    private int _requests;

    public ModbusFrameRelay(int serverPort)
    {
        _serverPort = serverPort;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int MaxOutstanding => Volatile.Read(ref _maxOutstanding);

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await (_accept ?? Task.CompletedTask);
            await Task.WhenAll(_pumps);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Closing.
        }

        _accept = null;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stop.Token);
            _pumps.Add(PumpAsync(client, server, requests: true));
            _pumps.Add(PumpAsync(server, client, requests: false));
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool requests)
    {
        var buffer = new byte[4096];
        var pending = new List<byte>();
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            int read;
            while ((read = await input.ReadAsync(buffer, _stop.Token)) > 0)
            {
                pending.AddRange(buffer.AsSpan(0, read));
                while (pending.Count >= 7 && pending.Count >= 6 + BinaryPrimitives.ReadUInt16BigEndian([pending[4], pending[5]]))
                {
                    pending.RemoveRange(0, 6 + BinaryPrimitives.ReadUInt16BigEndian([pending[4], pending[5]]));
                    if (requests)
                    {
                        Interlocked.Increment(ref _requests);
                        var now = Interlocked.Increment(ref _outstanding);
                        int max;
                        while (now > (max = Volatile.Read(ref _maxOutstanding)) && Interlocked.CompareExchange(ref _maxOutstanding, now, max) != max)
                        {
                        }
                    }
                    else
                    {
                        Interlocked.Decrement(ref _outstanding);
                    }
                }

                await output.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Closing.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
