using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Transport;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// An OPC UA client for one server endpoint (opc.tcp): one secure channel, one session, any number of subscriptions.
/// Read, Write, Browse (with a recursive import of the address space) and subscriptions whose values reach a callback
/// in order, without duplicates. When the connection drops the client reconnects with exponential backoff and jitter,
/// reactivates its session or creates a new one, and transfers or re-creates its subscriptions and monitored items;
/// notifications missed meanwhile are fetched with Republish where the server still holds them.
/// Thread-safe: every method may be called concurrently; calls made while reconnecting wait for the connection up to
/// <see cref="OpcUaClientOptions.RequestTimeout"/>.
/// </summary>
/// <remarks>Methods throw <see cref="OpcUaServiceException"/> for a failed request (with its status code),
/// <see cref="OpcUaFormatException"/> for a malformed response, and <see cref="ObjectDisposedException"/> after disposal.</remarks>
public sealed partial class OpcUaClient : IAsyncDisposable
{
    private readonly OpcUaClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private readonly ConcurrentDictionary<uint, OpcUaSubscription> _subscriptions = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource<Connection> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Connection? _connection;
    private Task _supervisor = Task.CompletedTask;
    private int _requestHandle;
    private int _reconnects;
    private int _disposed;
    private OpcUaConnectionState _state = OpcUaConnectionState.Reconnecting;

    private OpcUaClient(string endpointUrl, OpcUaClientOptions options, TimeProvider time, ILogger logger)
    {
        EndpointUrl = endpointUrl;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The endpoint URL the client connects to.</summary>
    public string EndpointUrl { get; }

    public OpcUaConnectionState State => _state;

    /// <summary>How often the client reconnected after losing the connection.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>How often the current secure channel renewed its security token.</summary>
    public int ChannelRenewals => _connection?.Channel.Renewals ?? 0;

    /// <summary>The id of the current session (changes when the session had to be re-created).</summary>
    public NodeId? SessionId => _connection?.Session.SessionId;

    /// <summary>The operation limits the server announced (0 = none).</summary>
    public OpcUaServerLimits ServerLimits { get; private set; } = new(0, 0, 0, 0);

    /// <summary>The subscriptions of this client.</summary>
    public IReadOnlyCollection<OpcUaSubscription> Subscriptions => [.. _subscriptions.Values];

    /// <summary>Connects to <paramref name="endpointUrl"/>, opens a secure channel and activates a session.</summary>
    /// <exception cref="OpcUaServiceException">The server refused (e.g. BadIdentityTokenRejected for a wrong password) or did not answer.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">No TCP connection could be made.</exception>
    /// <exception cref="ArgumentException">The URL is not opc.tcp, or a secure mode has no security factory.</exception>
    public static async Task<OpcUaClient> ConnectAsync(
        string endpointUrl, OpcUaClientOptions? options = null, TimeProvider? timeProvider = null, ILogger<OpcUaClient>? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointUrl);
        options ??= new OpcUaClientOptions();
        if (options.SecurityMode != Security.MessageSecurityMode.None && options.SecurityFactory is null)
        {
            throw new ArgumentException("A secure mode needs OpcUaClientOptions.SecurityFactory.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.PublishRequestCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MonitoredItemBatchSize, 1);
        var client = new OpcUaClient(endpointUrl, options, timeProvider ?? TimeProvider.System, logger ?? NullLogger<OpcUaClient>.Instance);
        var channel = await client.OpenChannelAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = await client.CreateSessionAsync(channel, cancellationToken).ConfigureAwait(false);
            var connection = new Connection(channel, session);
            client.ServerLimits = await client.ReadServerLimitsAsync(connection, cancellationToken).ConfigureAwait(false);
            client.SetConnected(connection);
            client._supervisor = Task.Run(client.SuperviseAsync, CancellationToken.None);
            return client;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Asks a server for its endpoints over an unsecured channel (GetEndpoints, Part 4, 5.4.4).</summary>
    /// <exception cref="OpcUaServiceException">The server refused or did not answer.</exception>
    public static async Task<IReadOnlyList<EndpointDescription>> GetEndpointsAsync(
        string endpointUrl, OpcUaClientOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointUrl);
        options ??= new OpcUaClientOptions();
        var time = timeProvider ?? TimeProvider.System;
        await using var channel = await OpcUaSecureChannel.OpenAsync(
            endpointUrl, Security.NoSecurity.Instance, options.TransportLimits, options.EncodingLimits, options.SecureChannelLifetime,
            options.ConnectTimeout, time, NullLogger.Instance, cancellationToken).ConfigureAwait(false);
        var context = new RequestContext(NodeId.Null, 1, time.GetUtcNow().UtcDateTime, (uint)options.RequestTimeout.TotalMilliseconds);
        var body = await channel.RequestAsync(w => DiscoveryCodec.WriteGetEndpointsRequest(w, context, endpointUrl), options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        var endpoints = DiscoveryCodec.ReadGetEndpointsResponse(body, options.EncodingLimits);
        await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        return endpoints;
    }

    /// <summary>Closes the session (deleting its subscriptions) and the secure channel; stops reconnecting.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var connection = _connection;
        await _disposing.CancelAsync().ConfigureAwait(false);
        SetState(OpcUaConnectionState.Closed);
        _connected.TrySetCanceled();
        if (connection is not null && connection.Channel.IsOpen)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
                var context = Context(connection, TimeSpan.FromSeconds(2));
                var body = await connection.Channel.RequestAsync(w => SessionCodec.WriteCloseSessionRequest(w, context, true), TimeSpan.FromSeconds(2), timeout.Token).ConfigureAwait(false);
                SessionCodec.ReadCloseSessionResponse(body, _options.EncodingLimits);
                await connection.Channel.CloseAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OpcUaServiceException or OpcUaFormatException or OperationCanceledException)
            {
                // Closing is best effort: the server cleans up a session that times out.
            }
        }

        if (connection is not null)
        {
            await connection.Channel.DisposeAsync().ConfigureAwait(false);
        }

        await _supervisor.ConfigureAwait(false);
        _disposing.Dispose();
    }

    /// <summary>Breaks the connection as a network failure would, so that tests can watch the client recover.</summary>
    internal void AbortConnection() => _connection?.Channel.Abort();

    private RequestContext Context(Connection connection, TimeSpan timeout) =>
        new(connection.Session.AuthenticationToken, (uint)Interlocked.Increment(ref _requestHandle), _time.GetUtcNow().UtcDateTime, (uint)Math.Min(timeout.TotalMilliseconds, uint.MaxValue));

    /// <summary>Sends a request on the current connection (waiting for one while reconnecting) and decodes the response.</summary>
    private async Task<T> CallAsync<T>(Action<OpcUaBinaryWriter, RequestContext> write, Func<byte[], T> read, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var wait = timeout ?? _options.RequestTimeout;
        var connection = await WaitConnectedAsync(wait, cancellationToken).ConfigureAwait(false);
        return await CallAsync(connection, write, read, cancellationToken, wait).ConfigureAwait(false);
    }

    private async Task<T> CallAsync<T>(Connection connection, Action<OpcUaBinaryWriter, RequestContext> write, Func<byte[], T> read, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var wait = timeout ?? _options.RequestTimeout;
        var context = Context(connection, wait);
        try
        {
            var body = await connection.Channel.RequestAsync(w => write(w, context), wait, cancellationToken).ConfigureAwait(false);
            return read(body);
        }
        catch (OpcUaServiceException e) when (ReferenceEquals(connection, _connection))
        {
            // Only the established connection is torn down for a lost session; while connecting or reconnecting the
            // caller decides (e.g. a new session after a failed reactivation).
            OnServiceFailure(connection, e);
            throw;
        }
    }

    private async Task<Connection> WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = _connection;
        if (connection is not null && connection.Channel.IsOpen && _state == OpcUaConnectionState.Connected)
        {
            return connection;
        }

        try
        {
            return await _connected.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new OpcUaServiceException(StatusCode.BadServerNotConnected, $"Not connected to {EndpointUrl}", e);
        }
    }

    /// <summary>Checks a session-level failure: a bad session means the session is gone and the connection must be rebuilt.</summary>
    private static void OnServiceFailure(Connection connection, OpcUaServiceException exception)
    {
        if (exception.Status == StatusCode.BadSessionIdInvalid || exception.Status == StatusCode.BadSessionClosed || exception.Status == StatusCode.BadSessionNotActivated)
        {
            connection.Channel.Abort();
        }
    }

    private void SetConnected(Connection connection)
    {
        lock (_gate)
        {
            _connection = connection;
            _connected.TrySetResult(connection);
        }

        SetState(OpcUaConnectionState.Connected);
    }

    private void SetDisconnected()
    {
        lock (_gate)
        {
            if (_connected.Task.IsCompleted)
            {
                _connected = new TaskCompletionSource<Connection>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        SetState(OpcUaConnectionState.Reconnecting);
    }

    private void SetState(OpcUaConnectionState state)
    {
        if (_state == state || (_state == OpcUaConnectionState.Closed))
        {
            return;
        }

        _state = state;
        _options.StateChanged?.Invoke(state);
    }

    private sealed record Connection(OpcUaSecureChannel Channel, SessionInfo Session);

    private sealed class SessionInfo(NodeId sessionId, NodeId authenticationToken, byte[] serverNonce, byte[] serverCertificate, IReadOnlyList<EndpointDescription> endpoints)
    {
        public NodeId SessionId { get; } = sessionId;

        public NodeId AuthenticationToken { get; } = authenticationToken;

        public byte[] ServerNonce { get; set; } = serverNonce;

        public byte[] ServerCertificate { get; } = serverCertificate;

        public IReadOnlyList<EndpointDescription> Endpoints { get; } = endpoints;
    }
}
