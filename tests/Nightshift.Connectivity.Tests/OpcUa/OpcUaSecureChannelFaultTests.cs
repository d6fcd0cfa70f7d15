using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Transport;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.Tests.OpcUa;

/// <summary>
/// Faults a real server does not inject on request: abort chunks, responses beyond the client's limits, a skipped
/// sequence number. A scripted peer answers Hello and OpenSecureChannel, then sends the chunks each test needs.
/// </summary>
public sealed class OpcUaSecureChannelFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_abort_chunk_fails_its_request_and_the_channel_stays_open()
    {
        await using var peer = await ScriptedPeer.StartAsync();
        await using var channel = await peer.OpenAsync(new OpcUaTransportLimits());
        var request = channel.RequestAsync(w => w.WriteUInt32(1), TimeSpan.FromSeconds(5), Ct);
        var requestId = await peer.ReadRequestIdAsync();

        using var body = new OpcUaBinaryWriter();
        body.WriteStatusCode(StatusCode.BadTimeout);
        body.WriteString("gave up");
        await peer.SendChunkAsync((byte)'C', requestId, new byte[100]);
        await peer.SendChunkAsync((byte)'A', requestId, body.ToArray());

        var error = await Should.ThrowAsync<OpcUaServiceException>(() => request);
        error.Status.ShouldBe(StatusCode.BadTimeout);
        error.Message.ShouldContain("gave up");
        channel.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task A_response_beyond_the_message_size_fails_only_that_request()
    {
        await using var peer = await ScriptedPeer.StartAsync();
        await using var channel = await peer.OpenAsync(new OpcUaTransportLimits { MaxMessageSize = 1000, MaxChunkCount = 100 });
        var tooLarge = channel.RequestAsync(w => w.WriteUInt32(1), TimeSpan.FromSeconds(5), Ct);
        var first = await peer.ReadRequestIdAsync();
        await peer.SendChunkAsync((byte)'C', first, new byte[600]);
        await peer.SendChunkAsync((byte)'C', first, new byte[600]);
        await peer.SendChunkAsync((byte)'F', first, new byte[10]);

        (await Should.ThrowAsync<OpcUaServiceException>(() => tooLarge)).Status.ShouldBe(StatusCode.BadResponseTooLarge);

        var next = channel.RequestAsync(w => w.WriteUInt32(2), TimeSpan.FromSeconds(5), Ct);
        var second = await peer.ReadRequestIdAsync();
        await peer.SendChunkAsync((byte)'C', second, [1, 2]);
        await peer.SendChunkAsync((byte)'F', second, [3]);
        (await next).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task A_skipped_sequence_number_closes_the_channel()
    {
        await using var peer = await ScriptedPeer.StartAsync();
        await using var channel = await peer.OpenAsync(new OpcUaTransportLimits());
        var request = channel.RequestAsync(w => w.WriteUInt32(1), TimeSpan.FromSeconds(5), Ct);
        var requestId = await peer.ReadRequestIdAsync();

        await peer.SendChunkAsync((byte)'F', requestId, [1], skipSequence: true);

        (await Should.ThrowAsync<OpcUaServiceException>(() => request)).Status.ShouldBe(StatusCode.BadConnectionClosed);
        await channel.Completion.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        channel.CloseReason.ShouldBeOfType<OpcUaServiceException>().Message.ShouldContain("Sequence number");
    }

    private sealed class ScriptedPeer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private TcpClient? _client;
        private NetworkStream? _stream;
        private uint _sequence = 100;

        private ScriptedPeer(TcpListener listener) => _listener = listener;

        public static Task<ScriptedPeer> StartAsync()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new ScriptedPeer(listener));
        }

        public async Task<OpcUaSecureChannel> OpenAsync(OpcUaTransportLimits limits)
        {
            var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            var opening = OpcUaSecureChannel.OpenAsync(
                $"opc.tcp://127.0.0.1:{port}/x", NoSecurity.Instance, limits, OpcUaEncodingLimits.Default, TimeSpan.FromHours(1),
                TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger.Instance, Ct);
            _client = await _listener.AcceptTcpClientAsync(Ct);
            _stream = _client.GetStream();
            await ReadMessageAsync();
            await _stream.WriteAsync(TcpMessageCodec.EncodeAcknowledge(65535, 65535, 0, 0), Ct);
            var open = await ReadMessageAsync();
            var requestId = BinaryPrimitives.ReadUInt32LittleEndian(open.AsSpan(TcpMessageCodec.SecurityHeaderLength(open, out _) + 4, 4));
            using var body = new OpcUaBinaryWriter();
            body.WriteNodeId(NodeId.FromNumeric(0, 449));
            body.WriteDateTime(DateTime.UtcNow);
            body.WriteUInt32(0);
            body.WriteStatusCode(StatusCode.Good);
            body.WriteDiagnosticInfo(null);
            body.WriteInt32(-1);
            body.WriteExtensionObject(ExtensionObject.Null);
            body.WriteUInt32(0);
            body.WriteUInt32(7);
            body.WriteUInt32(1);
            body.WriteDateTime(DateTime.UtcNow);
            body.WriteUInt32(3_600_000);
            body.WriteInt32(-1);
            using var chunk = new OpcUaBinaryWriter();
            chunk.WriteRaw("OPNF"u8);
            chunk.WriteUInt32(0);
            chunk.WriteUInt32(7);
            chunk.WriteString(NoSecurity.Uri);
            chunk.WriteInt32(-1);
            chunk.WriteInt32(-1);
            chunk.WriteUInt32(_sequence++);
            chunk.WriteUInt32(requestId);
            chunk.WriteRaw(body.WrittenSpan);
            await SendAsync(chunk.ToArray());
            return await opening;
        }

        public async Task<uint> ReadRequestIdAsync()
        {
            var message = await ReadMessageAsync();
            return BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(20, 4));
        }

        public async Task SendChunkAsync(byte chunkType, uint requestId, byte[] body, bool skipSequence = false)
        {
            var chunk = new byte[24 + body.Length];
            "MSG"u8.CopyTo(chunk);
            chunk[3] = chunkType;
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), 7);
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(12), 1);
            _sequence += skipSequence ? 2u : 1u;
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(16), _sequence - 1);
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(20), requestId);
            body.CopyTo(chunk, 24);
            await SendAsync(chunk);
        }

        public async ValueTask DisposeAsync()
        {
            _client?.Dispose();
            _listener.Stop();
            await Task.CompletedTask;
        }

        private async Task SendAsync(byte[] chunk)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)chunk.Length);
            await _stream!.WriteAsync(chunk, Ct);
        }

        private async Task<byte[]> ReadMessageAsync()
        {
            var header = new byte[8];
            await _stream!.ReadExactlyAsync(header, Ct);
            var message = new byte[BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4))];
            header.CopyTo(message, 0);
            await _stream.ReadExactlyAsync(message.AsMemory(8), Ct);
            return message;
        }
    }
}
