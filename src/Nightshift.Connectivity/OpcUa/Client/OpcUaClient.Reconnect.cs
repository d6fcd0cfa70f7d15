using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// Supervision: a keep-alive read detects a dead connection; a lost connection is rebuilt with exponential backoff and
/// jitter. The old session is reactivated on the new channel when the server still has it (its subscriptions then simply
/// continue, and Republish fills any gap); otherwise a new session is created and the subscriptions are transferred to it
/// (TransferSubscriptions) or, when the server no longer has them (a restart), re-created with all their monitored items.
/// </summary>
public sealed partial class OpcUaClient
{
    private async Task SuperviseAsync()
    {
        var token = _disposing.Token;
        var keepAlive = _options.KeepAliveInterval > TimeSpan.Zero ? Task.Run(() => KeepAliveLoopAsync(token), CancellationToken.None) : Task.CompletedTask;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var connection = _connection!;
                EnsurePublishing(connection);
                await connection.Channel.Completion.WaitAsync(token).ConfigureAwait(false);
                if (token.IsCancellationRequested)
                {
                    break;
                }

                SetDisconnected();
                OpcUaLog.ConnectionLost(_logger, EndpointUrl, connection.Channel.CloseReason?.Message ?? "closed");
                await connection.Channel.DisposeAsync().ConfigureAwait(false);
                if (!_options.Reconnect)
                {
                    break;
                }

                await ReconnectAsync(connection.Session, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }

        await keepAlive.ConfigureAwait(false);
    }

    private async Task ReconnectAsync(SessionInfo previous, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                OpcUaLog.ReconnectAttempt(_logger, EndpointUrl, attempt);
                await ReconnectOnceAsync(previous, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _reconnects);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff(attempt);
                OpcUaLog.ReconnectFailed(_logger, EndpointUrl, attempt, e.Message, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.ReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(exponential, _options.MaxReconnectDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    private async Task ReconnectOnceAsync(SessionInfo previous, CancellationToken cancellationToken)
    {
        var channel = await OpenChannelAsync(cancellationToken).ConfigureAwait(false);
        OpcUaLog.ReconnectStep(_logger, EndpointUrl, "secure channel open");
        try
        {
            SessionInfo session;
            string outcome;
            var reactivated = false;
            try
            {
                await ActivateAsync(channel, previous, cancellationToken).ConfigureAwait(false);
                session = previous;
                reactivated = true;
                outcome = "reactivated";
            }
            catch (OpcUaServiceException e) when (channel.IsOpen && IsSessionGone(e.Status))
            {
                OpcUaLog.ReconnectStep(_logger, EndpointUrl, e.Message);
                session = await CreateSessionAsync(channel, cancellationToken).ConfigureAwait(false);
                outcome = "re-created";
            }

            var connection = new Connection(channel, session);
            if (!reactivated)
            {
                OpcUaLog.ReconnectStep(_logger, EndpointUrl, "new session activated");
                await RestoreSubscriptionsAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            SetConnected(connection);
            OpcUaLog.Reconnected(_logger, EndpointUrl, outcome);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static bool IsSessionGone(StatusCode status) =>
        status != StatusCode.BadTimeout && status != StatusCode.BadConnectionClosed && status != StatusCode.BadSecureChannelClosed
        && status != StatusCode.BadServerNotConnected;

    /// <summary>Moves the subscriptions to a new session: transferred where the server still holds them, else re-created.</summary>
    private async Task RestoreSubscriptionsAsync(Connection connection, CancellationToken cancellationToken)
    {
        var subscriptions = _subscriptions.Values.ToList();
        if (subscriptions.Count == 0)
        {
            return;
        }

        (StatusCode Status, uint[] Available)[] transferred;
        try
        {
            var ids = subscriptions.Select(s => s.Id).ToList();
            transferred = await CallAsync(
                connection,
                (w, c) => SubscriptionCodec.WriteTransferSubscriptionsRequest(w, c, ids, false),
                body => SubscriptionCodec.ReadTransferSubscriptionsResponse(body, _options.EncodingLimits),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OpcUaServiceException e) when (connection.Channel.IsOpen && IsSessionGone(e.Status))
        {
            transferred = [];
        }

        for (var i = 0; i < subscriptions.Count; i++)
        {
            var subscription = subscriptions[i];
            var oldId = subscription.Id;
            if (i < transferred.Length && transferred[i].Status.IsGood)
            {
                OpcUaLog.SubscriptionRestored(_logger, oldId, "transferred", oldId);
                continue;
            }

            await CreateOnServerAsync(connection, subscription, cancellationToken).ConfigureAwait(false);
            _subscriptions.TryRemove(oldId, out _);
            _subscriptions[subscription.Id] = subscription;
            OpcUaLog.SubscriptionRestored(_logger, oldId, "re-created", subscription.Id);
        }
    }

    private async Task KeepAliveLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.KeepAliveInterval, _time);
        ReadValueId[] state = [new(NodeId.FromNumeric(0, 2259))];
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var connection = _connection;
                if (connection is null || !connection.Channel.IsOpen || _state != OpcUaConnectionState.Connected)
                {
                    continue;
                }

                try
                {
                    await CallAsync(
                        connection,
                        (w, c) => AttributeCodec.WriteReadRequest(w, c, 0, TimestampsToReturn.Neither, state),
                        body => AttributeCodec.ReadReadResponse(body, _options.EncodingLimits),
                        cancellationToken,
                        _options.KeepAliveInterval + _options.RequestTimeout).ConfigureAwait(false);
                }
                catch (OpcUaServiceException e) when (e.Status == StatusCode.BadTimeout)
                {
                    connection.Channel.Abort();
                }
                catch (Exception e) when (e is OpcUaServiceException or OpcUaFormatException)
                {
                    // A closed channel is noticed by the supervisor; other failures are not the keep-alive's business.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
