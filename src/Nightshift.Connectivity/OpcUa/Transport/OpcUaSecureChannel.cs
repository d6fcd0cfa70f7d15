using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Transport;

/// <summary>
/// One OPC UA secure channel over one TCP connection (Part 6, 6.7 and 7.1): Hello/Acknowledge, OpenSecureChannel with
/// token renewal at 75 % of the token lifetime, requests split into chunks no larger than the server accepts, responses
/// reassembled per request id within the client's limits, sequence numbers checked, CloseSecureChannel. All chunk
/// security goes through <see cref="IChannelSecurity"/>. Thread-safe: any number of requests may be outstanding; sends
/// are serialised, one loop receives.
/// </summary>
internal sealed class OpcUaSecureChannel : IAsyncDisposable
{
    private const uint MaxSequenceBeforeWrap = 4_294_966_271;
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly IChannelSecurity _security;
    private readonly OpcUaTransportLimits _offered;
    private readonly OpcUaEncodingLimits _encodingLimits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<byte[]>> _pending = new();
    private readonly Dictionary<uint, PartialMessage> _partial = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeSpan _requestedLifetime;
    private Task _receiveLoop = Task.CompletedTask;
    private ITimer? _renewTimer;
    private uint _channelId;
    private volatile uint _tokenId;
    private uint _sendSequence;
    private uint _receiveSequence;
    private bool _receivedAny;
    private int _nextRequestId;
    private int _renewals;
    private Exception? _closeReason;

    private OpcUaSecureChannel(
        string endpointUrl, TcpClient tcp, IChannelSecurity security, OpcUaTransportLimits offered, OpcUaNegotiatedLimits limits,
        OpcUaEncodingLimits encodingLimits, TimeSpan requestedLifetime, TimeProvider time, ILogger logger)
    {
        EndpointUrl = endpointUrl;
        _tcp = tcp;
        _stream = tcp.GetStream();
        _security = security;
        _offered = offered;
        Limits = limits;
        _encodingLimits = encodingLimits;
        _requestedLifetime = requestedLifetime;
        _time = time;
        _logger = logger;
    }

    public string EndpointUrl { get; }

    public OpcUaNegotiatedLimits Limits { get; }

    public IChannelSecurity Security => _security;

    public uint ChannelId => _channelId;

    public uint TokenId => _tokenId;

    /// <summary>How often the security token was renewed.</summary>
    public int Renewals => Volatile.Read(ref _renewals);

    /// <summary>Completes when the channel closed, for whatever reason (see <see cref="CloseReason"/>).</summary>
    public Task Completion => _closed.Task;

    /// <summary>Why the channel closed; null while open or after an orderly close.</summary>
    public Exception? CloseReason => Volatile.Read(ref _closeReason);

    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>Connects, exchanges Hello/Acknowledge and opens the secure channel.</summary>
    /// <exception cref="OpcUaServiceException">The server refused (Error message, bad OPN response) or did not answer in time.</exception>
    /// <exception cref="SocketException">The TCP connection could not be made.</exception>
    public static async Task<OpcUaSecureChannel> OpenAsync(
        string endpointUrl, IChannelSecurity security, OpcUaTransportLimits limits, OpcUaEncodingLimits encodingLimits,
        TimeSpan requestedLifetime, TimeSpan timeout, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var (host, port) = ParseEndpoint(endpointUrl);
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var timeoutSource = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            try
            {
                await tcp.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
                OpcUaLog.Handshake(logger, endpointUrl, "TCP connected");
                var stream = tcp.GetStream();
                await stream.WriteAsync(TcpMessageCodec.EncodeHello(limits, endpointUrl), linked.Token).ConfigureAwait(false);
                var header = new byte[TcpChunkHeader.Length];
                await stream.ReadExactlyAsync(header, linked.Token).ConfigureAwait(false);
                var parsed = TcpMessageCodec.ReadHeader(header);
                if (parsed.Size > TcpMessageCodec.MinBufferSize * 8)
                {
                    throw new OpcUaServiceException(StatusCode.BadTcpMessageTooLarge, "The server's answer to Hello is too large");
                }

                var message = new byte[parsed.Size];
                header.CopyTo(message, 0);
                await stream.ReadExactlyAsync(message.AsMemory(TcpChunkHeader.Length), linked.Token).ConfigureAwait(false);
                if (parsed.MessageType == TcpMessageType.Error)
                {
                    var (error, reason) = TcpMessageCodec.DecodeError(message);
                    throw new OpcUaServiceException(error, $"The server refused the connection: {reason}");
                }

                var negotiated = TcpMessageCodec.DecodeAcknowledge(message, limits);
                OpcUaLog.Handshake(logger, endpointUrl, "acknowledged");
                var channel = new OpcUaSecureChannel(endpointUrl, tcp, security, limits, negotiated, encodingLimits, requestedLifetime, time, logger);
                channel._receiveLoop = Task.Run(channel.ReceiveLoopAsync, CancellationToken.None);
                try
                {
                    await channel.OpenOrRenewAsync(renew: false, timeout, linked.Token).ConfigureAwait(false);
                }
                catch
                {
                    await channel.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                OpcUaLog.ChannelOpened(logger, channel._channelId, endpointUrl, security.PolicyUri, channel._tokenId, (uint)channel.TokenLifetime.TotalMilliseconds, negotiated.SendChunkSize, negotiated.ReceiveChunkSize);
                return channel;
            }
            catch (OperationCanceledException e) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new OpcUaServiceException(StatusCode.BadTimeout, $"Connecting to {endpointUrl} timed out", e);
            }
            catch (EndOfStreamException e)
            {
                throw new OpcUaServiceException(StatusCode.BadConnectionClosed, $"{endpointUrl} closed the connection during the handshake", e);
            }
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>The lifetime of the current security token, as revised by the server.</summary>
    public TimeSpan TokenLifetime { get; private set; }

    /// <summary>
    /// Sends a request (its body written by <paramref name="writeBody"/>: encoding id, request header, fields) and returns
    /// the response body.
    /// </summary>
    /// <exception cref="OpcUaServiceException">Timeout, a lost channel, an abort chunk, or a request beyond the server's limits.</exception>
    public async Task<byte[]> RequestAsync(Action<OpcUaBinaryWriter> writeBody, TimeSpan timeout, CancellationToken cancellationToken) =>
        await RequestAsync(TcpMessageType.Message, writeBody, timeout, cancellationToken).ConfigureAwait(false);

    /// <summary>Sends CloseSecureChannel and closes the connection.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (IsOpen)
        {
            try
            {
                using var writer = new OpcUaBinaryWriter();
                ServiceCodec.WriteRequestHeader(writer, ObjectIds.CloseSecureChannelRequest, NodeId.Null, _time.GetUtcNow().UtcDateTime, 0, 1000);
                await SendAsync(TcpMessageType.CloseSecureChannel, NextRequestId(), writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OpcUaServiceException)
            {
                // The channel is going away anyway.
            }
        }

        Close(null);
        await _receiveLoop.ConfigureAwait(false);
    }

    /// <summary>Breaks the TCP connection without CloseSecureChannel, as a network failure would (for tests of recovery).</summary>
    internal void Abort() => Close(new OpcUaServiceException(StatusCode.BadConnectionClosed, "The connection was aborted"));

    /// <summary>Closes the connection and disposes the channel's security (one instance serves one channel).</summary>
    public async ValueTask DisposeAsync()
    {
        Close(null);
        await _receiveLoop.ConfigureAwait(false);
        _sendLock.Dispose();
        _stopping.Dispose();
        (_security as IDisposable)?.Dispose();
    }

    private static (string Host, int Port) ParseEndpoint(string endpointUrl)
    {
        if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || !string.Equals(uri.Scheme, "opc.tcp", StringComparison.OrdinalIgnoreCase) || uri.Host.Length == 0)
        {
            throw new ArgumentException($"'{endpointUrl}' is not an opc.tcp:// endpoint URL.", nameof(endpointUrl));
        }

        return (uri.Host, uri.Port > 0 ? uri.Port : 4840);
    }

    private async Task<byte[]> RequestAsync(uint messageType, Action<OpcUaBinaryWriter> writeBody, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        using var writer = new OpcUaBinaryWriter(1024);
        writeBody(writer);
        var requestId = NextRequestId();
        var pending = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = pending;
        try
        {
            if (!IsOpen)
            {
                ThrowIfClosed();
            }

            await SendAsync(messageType, requestId, writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            return await pending.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new OpcUaServiceException(StatusCode.BadTimeout, $"No response from {EndpointUrl} within {timeout.TotalMilliseconds} ms", e);
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    private async Task OpenOrRenewAsync(bool renew, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clientNonce = _security.CreateNonce();
        var lifetimeMs = (uint)Math.Clamp(_requestedLifetime.TotalMilliseconds, 1000, uint.MaxValue);
        var body = await RequestAsync(
            TcpMessageType.OpenSecureChannel,
            writer =>
            {
                ServiceCodec.WriteRequestHeader(writer, ObjectIds.OpenSecureChannelRequest, NodeId.Null, _time.GetUtcNow().UtcDateTime, 0, (uint)timeout.TotalMilliseconds);
                writer.WriteUInt32(0);
                writer.WriteInt32(renew ? 1 : 0);
                writer.WriteInt32((int)_security.Mode);
                writer.WriteByteString(clientNonce);
                writer.WriteUInt32(lifetimeMs);
            },
            timeout,
            cancellationToken).ConfigureAwait(false);
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.OpenSecureChannelResponse, _encodingLimits, out _);
        reader.ReadUInt32();
        var channelId = reader.ReadUInt32();
        var tokenId = reader.ReadUInt32();
        reader.ReadDateTime();
        var revisedLifetime = reader.ReadUInt32();
        var serverNonce = reader.ReadByteStringSpan();
        if (renew && channelId != _channelId)
        {
            throw new OpcUaServiceException(StatusCode.BadSecureChannelIdInvalid, "The server changed the channel id on renewal");
        }

        _security.ActivateToken(tokenId, clientNonce, serverNonce);
        _channelId = channelId;
        _tokenId = tokenId;
        TokenLifetime = TimeSpan.FromMilliseconds(Math.Max(revisedLifetime, 1000));
        ScheduleRenewal();
    }

    private void ScheduleRenewal()
    {
        var due = TokenLifetime * 0.75;
        var timer = _renewTimer;
        if (timer is null)
        {
            _renewTimer = _time.CreateTimer(static state => ((OpcUaSecureChannel)state!).OnRenewDue(), this, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnRenewDue() => _ = RenewAsync();

    private async Task RenewAsync()
    {
        if (!IsOpen)
        {
            return;
        }

        try
        {
            await OpenOrRenewAsync(renew: true, TimeSpan.FromSeconds(15), _stopping.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _renewals);
            OpcUaLog.TokenRenewed(_logger, _channelId, _tokenId);
        }
        catch (Exception e) when (e is OpcUaServiceException or OpcUaFormatException or OpcUaSecurityException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            if (IsOpen)
            {
                OpcUaLog.RenewFailed(_logger, _channelId, e);
                Close(new OpcUaServiceException(StatusCode.BadSecureChannelClosed, "Renewing the security token failed", e));
            }
        }
    }

    private async Task SendAsync(uint messageType, uint requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var asymmetric = messageType == TcpMessageType.OpenSecureChannel;
        var chunkSize = Limits.SendChunkSize;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var chunk = ArrayPool<byte>.Shared.Rent(chunkSize + 1024);
        try
        {
            ThrowIfClosed();
            var headerLength = WriteHeaders(chunk, messageType, asymmetric);
            var maxBody = _security.MaxPlainTextSize(chunkSize, headerLength, asymmetric) - TcpMessageCodec.SequenceHeaderLength;
            if (maxBody <= 0)
            {
                throw new OpcUaServiceException(StatusCode.BadTcpInternalError, "The negotiated chunk size leaves no room for a body");
            }

            var chunkCount = Math.Max(1, (body.Length + maxBody - 1) / maxBody);
            if ((Limits.MaxRequestChunkCount > 0 && chunkCount > Limits.MaxRequestChunkCount)
                || (Limits.MaxRequestMessageSize > 0 && body.Length > Limits.MaxRequestMessageSize))
            {
                throw new OpcUaServiceException(StatusCode.BadRequestTooLarge, $"A request of {body.Length} bytes in {chunkCount} chunks exceeds what the server accepts");
            }

            for (var i = 0; i < chunkCount; i++)
            {
                var part = body.Span.Slice(i * maxBody, Math.Min(maxBody, body.Length - (i * maxBody)));
                if (i > 0)
                {
                    WriteHeaders(chunk, messageType, asymmetric);
                }

                chunk[3] = i == chunkCount - 1 ? TcpMessageType.Final : TcpMessageType.Intermediate;
                BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(headerLength, 4), NextSendSequence());
                BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(headerLength + 4, 4), requestId);
                part.CopyTo(chunk.AsSpan(headerLength + TcpMessageCodec.SequenceHeaderLength));
                var length = _security.Protect(chunk, headerLength, TcpMessageCodec.SequenceHeaderLength + part.Length, asymmetric);
                await _stream.WriteAsync(chunk.AsMemory(0, length), _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException || (e is OperationCanceledException && _stopping.IsCancellationRequested))
        {
            Close(e);
            throw new OpcUaServiceException(StatusCode.BadConnectionClosed, $"Sending to {EndpointUrl} failed", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            _sendLock.Release();
        }
    }

    private int WriteHeaders(byte[] chunk, uint messageType, bool asymmetric)
    {
        chunk[0] = (byte)messageType;
        chunk[1] = (byte)(messageType >> 8);
        chunk[2] = (byte)(messageType >> 16);
        chunk[3] = TcpMessageType.Final;
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4, 4), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8, 4), _channelId);
        if (!asymmetric)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(12, 4), _tokenId);
            return TcpMessageCodec.SymmetricHeaderLength;
        }

        using var writer = new OpcUaBinaryWriter(512);
        writer.WriteString(_security.PolicyUri);
        WriteOptionalBytes(writer, _security.LocalCertificate);
        WriteOptionalBytes(writer, _security.RemoteCertificateThumbprint);
        writer.WrittenSpan.CopyTo(chunk.AsSpan(12));
        return 12 + writer.Length;
    }

    private static void WriteOptionalBytes(OpcUaBinaryWriter writer, ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            writer.WriteInt32(-1);
        }
        else
        {
            writer.WriteByteString(bytes.Span);
        }
    }

    private uint NextSendSequence()
    {
        _sendSequence = _sendSequence >= MaxSequenceBeforeWrap ? 1 : _sendSequence + 1;
        return _sendSequence;
    }

    private uint NextRequestId()
    {
        var id = (uint)Interlocked.Increment(ref _nextRequestId);
        return id == 0 ? (uint)Interlocked.Increment(ref _nextRequestId) : id;
    }

    private async Task ReceiveLoopAsync()
    {
        var header = new byte[TcpChunkHeader.Length];
        var token = _stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await _stream.ReadExactlyAsync(header, token).ConfigureAwait(false);
                var parsed = TcpMessageCodec.ReadHeader(header);
                if (parsed.Size > Math.Max(Limits.ReceiveChunkSize, _offered.ReceiveBufferSize))
                {
                    throw new OpcUaServiceException(StatusCode.BadTcpMessageTooLarge, $"The server sent a chunk of {parsed.Size} bytes, more than the {Limits.ReceiveChunkSize} agreed");
                }

                var buffer = ArrayPool<byte>.Shared.Rent(parsed.Size);
                try
                {
                    header.CopyTo(buffer, 0);
                    await _stream.ReadExactlyAsync(buffer.AsMemory(TcpChunkHeader.Length, parsed.Size - TcpChunkHeader.Length), token).ConfigureAwait(false);
                    HandleChunk(buffer.AsSpan(0, parsed.Size), parsed);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or EndOfStreamException
            or OpcUaFormatException or OpcUaSecurityException or OpcUaServiceException)
        {
            Close(e);
        }
        finally
        {
            Close(null);
        }
    }

    private void HandleChunk(Span<byte> chunk, TcpChunkHeader header)
    {
        if (header.MessageType == TcpMessageType.Error)
        {
            var (error, reason) = TcpMessageCodec.DecodeError(chunk);
            throw new OpcUaServiceException(error, $"The server closed the connection: {reason}");
        }

        if (header.MessageType is not (TcpMessageType.OpenSecureChannel or TcpMessageType.Message or TcpMessageType.CloseSecureChannel))
        {
            throw new OpcUaFormatException($"Unexpected message type 0x{header.MessageType:X6} on a secure channel.");
        }

        var asymmetric = header.MessageType == TcpMessageType.OpenSecureChannel;
        var headerLength = TcpMessageCodec.SecurityHeaderLength(chunk, out var policyUri);
        var tokenId = asymmetric ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(chunk[12..16]);
        var plainTextLength = _security.Unprotect(chunk, headerLength, asymmetric, tokenId);
        var parsed = TcpMessageCodec.ParseChunk(chunk, headerLength, plainTextLength, policyUri);
        if (_channelId != 0 && parsed.ChannelId != _channelId)
        {
            throw new OpcUaServiceException(StatusCode.BadSecureChannelIdInvalid, $"A chunk for channel {parsed.ChannelId} arrived on channel {_channelId}");
        }

        CheckSequence(parsed.SequenceNumber);
        var body = chunk.Slice(parsed.BodyOffset, parsed.BodyLength);
        switch (header.ChunkType)
        {
            case TcpMessageType.Abort:
                DropPartial(parsed.RequestId);
                var (error, reason) = TcpMessageCodec.DecodeError(body, hasHeader: false);
                Fail(parsed.RequestId, new OpcUaServiceException(error, $"The server aborted the response: {reason}"));
                break;
            case TcpMessageType.Intermediate:
                Append(parsed.RequestId, body);
                break;
            default:
                Complete(parsed.RequestId, body);
                break;
        }
    }

    private void CheckSequence(uint sequence)
    {
        if (_receivedAny)
        {
            var expected = _receiveSequence == uint.MaxValue ? 0 : _receiveSequence + 1;
            var wrapped = _receiveSequence > MaxSequenceBeforeWrap && sequence < 1024;
            if (sequence != expected && !wrapped)
            {
                throw new OpcUaServiceException(StatusCode.BadSecurityChecksFailed, $"Sequence number {sequence} received, {expected} expected");
            }
        }

        _receivedAny = true;
        _receiveSequence = sequence;
    }

    private void Append(uint requestId, ReadOnlySpan<byte> body)
    {
        if (!_partial.TryGetValue(requestId, out var partial))
        {
            partial = new PartialMessage();
            _partial[requestId] = partial;
        }

        // A failed entry stays (marked) so that the rest of its message is dropped.
        AppendTo(requestId, partial, body);
    }

    private bool AppendTo(uint requestId, PartialMessage partial, ReadOnlySpan<byte> body)
    {
        if (partial.Failed)
        {
            return false;
        }

        partial.Chunks++;
        if ((_offered.MaxChunkCount > 0 && partial.Chunks > _offered.MaxChunkCount)
            || (_offered.MaxMessageSize > 0 && partial.Body.Length + body.Length > _offered.MaxMessageSize))
        {
            partial.Fail();
            Fail(requestId, new OpcUaServiceException(StatusCode.BadResponseTooLarge, $"The response exceeds {_offered.MaxMessageSize} bytes or {_offered.MaxChunkCount} chunks"));
            return false;
        }

        partial.Body.WriteRaw(body);
        return true;
    }

    private void Complete(uint requestId, ReadOnlySpan<byte> body)
    {
        byte[] message;
        if (_partial.Remove(requestId, out var partial))
        {
            using (partial)
            {
                if (!AppendTo(requestId, partial, body))
                {
                    return;
                }

                message = partial.Body.ToArray();
            }
        }
        else
        {
            if (_offered.MaxMessageSize > 0 && body.Length > _offered.MaxMessageSize)
            {
                Fail(requestId, new OpcUaServiceException(StatusCode.BadResponseTooLarge, $"The response exceeds {_offered.MaxMessageSize} bytes"));
                return;
            }

            message = body.ToArray();
        }

        if (_pending.TryRemove(requestId, out var pending))
        {
            pending.TrySetResult(message);
        }
        else
        {
            OpcUaLog.StrayResponse(_logger, _channelId, requestId);
        }
    }

    private void DropPartial(uint requestId)
    {
        if (_partial.Remove(requestId, out var partial))
        {
            partial.Dispose();
        }
    }

    private void Fail(uint requestId, Exception exception)
    {
        if (_pending.TryRemove(requestId, out var pending))
        {
            pending.TrySetException(exception);
        }
    }

    private void ThrowIfClosed()
    {
        if (!IsOpen)
        {
            throw new OpcUaServiceException(StatusCode.BadSecureChannelClosed, $"The secure channel to {EndpointUrl} is closed", CloseReason);
        }
    }

    private void Close(Exception? reason)
    {
        if (_closed.Task.IsCompleted)
        {
            return;
        }

        lock (_closed)
        {
            if (_closed.Task.IsCompleted)
            {
                return;
            }

            if (reason is not null)
            {
                Volatile.Write(ref _closeReason, reason);
                OpcUaLog.ChannelFaulted(_logger, _channelId, EndpointUrl, reason.Message);
            }

            _renewTimer?.Dispose();
            _stopping.Cancel();
            _tcp.Dispose();
            _closed.TrySetResult();
        }

        var failure = new OpcUaServiceException(StatusCode.BadConnectionClosed, $"The secure channel to {EndpointUrl} closed", reason);
        foreach (var id in _pending.Keys)
        {
            Fail(id, failure);
        }
    }

    private sealed class PartialMessage : IDisposable
    {
        public OpcUaBinaryWriter Body { get; } = new(4096);

        public int Chunks { get; set; }

        public bool Failed { get; private set; }

        public void Fail()
        {
            Failed = true;
            Body.Dispose();
        }

        public void Dispose() => Body.Dispose();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"OpcUaSecureChannel({_channelId}, {EndpointUrl})");
}
