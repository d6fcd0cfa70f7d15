using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Nightshift.Connectivity.Tests.Modbus;

/// <summary>
/// A raw TCP peer that answers each request frame with whatever a test scripts: for faults a real server cannot be made to
/// produce (stray transaction ids, broken headers, wrong functions). Not a Modbus implementation.
/// </summary>
public sealed class ScriptedModbusServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<byte[], int, byte[][]> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accept;
    private int _requestCount;
    private int _connectionCount;

    /// <param name="script">Given a request frame and its number (0 first), the frames to send back (none: stay silent).</param>
    public ScriptedModbusServer(Func<byte[], int, byte[][]> script)
    {
        _script = script;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>A read-holding-registers response to <paramref name="request"/> carrying <paramref name="registers"/>.</summary>
    public static byte[] Registers(byte[] request, params ushort[] registers) =>
        Frame(TransactionId(request), request[6], [0x03, (byte)(2 * registers.Length), .. registers.SelectMany(r => new[] { (byte)(r >> 8), (byte)r })]);

    public static ushort TransactionId(byte[] frame) => BinaryPrimitives.ReadUInt16BigEndian(frame);

    public static byte[] Frame(ushort transactionId, byte unit, byte[] pdu)
    {
        var frame = new byte[7 + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(pdu.Length + 1));
        frame[6] = unit;
        pdu.CopyTo(frame, 7);
        return frame;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accept;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closing.
        }

        await Task.WhenAll(_connections);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connectionCount);
            _connections.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var header = new byte[7];
                while (true)
                {
                    await stream.ReadExactlyAsync(header, _stop.Token);
                    var frame = new byte[6 + BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4))];
                    header.CopyTo(frame, 0);
                    await stream.ReadExactlyAsync(frame.AsMemory(7), _stop.Token);
                    foreach (var answer in _script(frame, Interlocked.Increment(ref _requestCount) - 1))
                    {
                        await stream.WriteAsync(answer, _stop.Token);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // The client went away, or the test ended.
            }
        }
    }
}
