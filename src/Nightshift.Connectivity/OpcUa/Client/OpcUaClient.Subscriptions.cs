using System.Collections.Concurrent;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// Subscriptions and the publish loop. Design: <see cref="OpcUaClientOptions.PublishRequestCount"/> workers each keep one
/// Publish request outstanding, so the server always has one to answer when a publishing interval ends. Responses go
/// through one delivery lock: a message whose sequence number was delivered already is dropped; a gap (seen from a
/// later message or a keep-alive, whose number is the next one to come) that outlasts a short grace period (the missing
/// message may be in a response another worker is handling) is filled with Republish before the later message is
/// delivered, so values arrive in order. Every delivered message is acknowledged with the next Publish.
/// </summary>
public sealed partial class OpcUaClient
{
    private static readonly TimeSpan GapGrace = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentQueue<(uint SubscriptionId, uint SequenceNumber)> _acknowledgements = new();
    private readonly SemaphoreSlim _delivery = new(1, 1);
    private int _clientHandle;
    private int _publishWorkers;

    /// <summary>
    /// Creates a subscription and its monitored items (in batches within the server's operation limit). Items the server
    /// refuses (e.g. an unknown node) keep their bad <see cref="OpcUaMonitoredItem.Status"/>; the others deliver values to
    /// <paramref name="callback"/>, which is awaited (one call at a time per client) before the next notification.
    /// </summary>
    /// <exception cref="OpcUaServiceException">The server refused the subscription or the request failed.</exception>
    public async Task<OpcUaSubscription> SubscribeAsync(
        IReadOnlyList<MonitoredItemDefinition> items, Func<IReadOnlyList<OpcUaValueChange>, CancellationToken, ValueTask> callback,
        SubscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(callback);
        var subscription = new OpcUaSubscription(this, options ?? new SubscriptionOptions(), callback);
        foreach (var definition in items)
        {
            subscription.AddItem(new OpcUaMonitoredItem(definition, NextClientHandle()));
        }

        var connection = await WaitConnectedAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        await CreateOnServerAsync(connection, subscription, cancellationToken).ConfigureAwait(false);
        _subscriptions[subscription.Id] = subscription;
        EnsurePublishing(connection);
        return subscription;
    }

    internal async Task<IReadOnlyList<OpcUaMonitoredItem>> AddItemsAsync(OpcUaSubscription subscription, IReadOnlyList<MonitoredItemDefinition> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var created = items.Select(d => new OpcUaMonitoredItem(d, NextClientHandle())).ToList();
        foreach (var item in created)
        {
            subscription.AddItem(item);
        }

        var connection = await WaitConnectedAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        await CreateItemsAsync(connection, subscription, created, cancellationToken).ConfigureAwait(false);
        return created;
    }

    internal async Task RemoveItemsAsync(OpcUaSubscription subscription, IReadOnlyList<OpcUaMonitoredItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            subscription.RemoveItem(item);
        }

        var ids = items.Where(i => i.Status.IsGood).Select(i => i.ServerId).ToList();
        var batch = BatchSize(ServerLimits.MaxMonitoredItemsPerCall);
        for (var start = 0; start < ids.Count; start += batch)
        {
            var chunk = ids.GetRange(start, Math.Min(batch, ids.Count - start));
            await CallAsync(
                (w, c) => SubscriptionCodec.WriteDeleteMonitoredItemsRequest(w, c, subscription.Id, chunk),
                body => SubscriptionCodec.ReadDeleteMonitoredItemsResponse(body, _options.EncodingLimits),
                cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task ModifySubscriptionAsync(OpcUaSubscription subscription, TimeSpan publishingInterval, CancellationToken cancellationToken)
    {
        var options = subscription.Options;
        var parameters = await CallAsync(
            (w, c) => SubscriptionCodec.WriteModifySubscriptionRequest(
                w, c, subscription.Id, publishingInterval.TotalMilliseconds, options.LifetimeCount, options.MaxKeepAliveCount, options.MaxNotificationsPerPublish, options.Priority),
            body => SubscriptionCodec.ReadModifySubscriptionResponse(body, subscription.Id, _options.EncodingLimits),
            cancellationToken).ConfigureAwait(false);
        subscription.Apply(parameters);
    }

    internal async Task DeleteSubscriptionAsync(OpcUaSubscription subscription, CancellationToken cancellationToken)
    {
        if (!_subscriptions.TryRemove(subscription.Id, out _) || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            await CallAsync(
                (w, c) => SubscriptionCodec.WriteDeleteSubscriptionsRequest(w, c, [subscription.Id]),
                body => SubscriptionCodec.ReadDeleteSubscriptionsResponse(body, _options.EncodingLimits),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OpcUaServiceException)
        {
            // Not connected or already gone: a subscription whose session is gone dies with it.
        }
    }

    /// <summary>Creates the subscription on the server (new id, sequence numbers from 1) and all its monitored items.</summary>
    private async Task CreateOnServerAsync(Connection connection, OpcUaSubscription subscription, CancellationToken cancellationToken)
    {
        var options = subscription.Options;
        var parameters = await CallAsync(
            connection,
            (w, c) => SubscriptionCodec.WriteCreateSubscriptionRequest(
                w, c, options.PublishingInterval.TotalMilliseconds, options.LifetimeCount, options.MaxKeepAliveCount, options.MaxNotificationsPerPublish, options.Priority),
            body => SubscriptionCodec.ReadCreateSubscriptionResponse(body, _options.EncodingLimits),
            cancellationToken).ConfigureAwait(false);
        subscription.Apply(parameters);
        subscription.ResetSequence();
        var items = subscription.Items;
        await CreateItemsAsync(connection, subscription, items, cancellationToken).ConfigureAwait(false);
        OpcUaLog.SubscriptionCreated(_logger, subscription.Id, items.Count, parameters.PublishingIntervalMs);
    }

    private async Task CreateItemsAsync(Connection connection, OpcUaSubscription subscription, IReadOnlyList<OpcUaMonitoredItem> items, CancellationToken cancellationToken)
    {
        var batch = BatchSize(ServerLimits.MaxMonitoredItemsPerCall);
        var failed = 0;
        StatusCode? firstFailure = null;
        for (var start = 0; start < items.Count; start += batch)
        {
            var chunk = items.Skip(start).Take(batch).ToList();
            var requests = chunk.Select(i => new MonitoredItemCreateRequest(
                new ReadValueId(i.NodeId, i.Definition.AttributeId), i.ClientHandle, i.Definition.SamplingIntervalMs, i.Definition.QueueSize, i.Definition.Filter)).ToList();
            var results = await CallAsync(
                connection,
                (w, c) => SubscriptionCodec.WriteCreateMonitoredItemsRequest(w, c, subscription.Id, subscription.Options.Timestamps, requests),
                body => SubscriptionCodec.ReadCreateMonitoredItemsResponse(body, _options.EncodingLimits),
                cancellationToken).ConfigureAwait(false);
            if (results.Length != chunk.Count)
            {
                throw new OpcUaFormatException($"CreateMonitoredItems answered {results.Length} results for {chunk.Count} items.");
            }

            for (var i = 0; i < chunk.Count; i++)
            {
                var result = results[i];
                chunk[i].Status = result.Status;
                chunk[i].ServerId = result.MonitoredItemId;
                chunk[i].RevisedSamplingIntervalMs = result.RevisedSamplingIntervalMs;
                chunk[i].RevisedQueueSize = result.RevisedQueueSize;
                if (result.Status.IsBad)
                {
                    failed++;
                    firstFailure ??= result.Status;
                }
            }
        }

        if (failed > 0)
        {
            OpcUaLog.ItemsRefused(_logger, subscription.Id, failed, items.Count, firstFailure);
        }
    }

    private int BatchSize(uint serverLimit) =>
        serverLimit == 0 ? _options.MonitoredItemBatchSize : (int)Math.Min(serverLimit, (uint)_options.MonitoredItemBatchSize);

    private uint NextClientHandle() => (uint)Interlocked.Increment(ref _clientHandle);

    /// <summary>Starts publish workers until <see cref="OpcUaClientOptions.PublishRequestCount"/> run on <paramref name="connection"/>.</summary>
    private void EnsurePublishing(Connection connection)
    {
        while (true)
        {
            var running = Volatile.Read(ref _publishWorkers);
            if (running >= _options.PublishRequestCount || _subscriptions.IsEmpty)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _publishWorkers, running + 1, running) == running)
            {
                _ = Task.Run(() => PublishWorkerAsync(connection), CancellationToken.None);
            }
        }
    }

    private async Task PublishWorkerAsync(Connection connection)
    {
        var token = _disposing.Token;
        try
        {
            while (!token.IsCancellationRequested && connection.Channel.IsOpen && !_subscriptions.IsEmpty)
            {
                var acknowledgements = TakeAcknowledgements();
                PublishResult result;
                try
                {
                    result = await CallAsync(
                        connection,
                        (w, c) => SubscriptionCodec.WritePublishRequest(w, c, acknowledgements),
                        body => SubscriptionCodec.ReadPublishResponse(body, _options.EncodingLimits),
                        token,
                        PublishTimeout()).ConfigureAwait(false);
                }
                catch (OpcUaServiceException e)
                {
                    foreach (var ack in acknowledgements)
                    {
                        _acknowledgements.Enqueue(ack);
                    }

                    if (e.Status == StatusCode.BadTimeout && connection.Channel.IsOpen)
                    {
                        continue;
                    }

                    if (e.Status != StatusCode.BadNoSubscription && e.Status != StatusCode.BadTooManyPublishRequests && connection.Channel.IsOpen)
                    {
                        OpcUaLog.PublishFailed(_logger, e.Message);
                    }

                    return;
                }

                try
                {
                    await DispatchAsync(connection, result, token).ConfigureAwait(false);
                }
                catch (OpcUaServiceException e)
                {
                    // A Republish failed with the connection: the message stays unacknowledged, so the gap is filled after reconnecting.
                    if (connection.Channel.IsOpen)
                    {
                        OpcUaLog.PublishFailed(_logger, e.Message);
                    }

                    return;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OpcUaFormatException e)
        {
            OpcUaLog.PublishFailed(_logger, e.Message);
            connection.Channel.Abort();
        }
        finally
        {
            Interlocked.Decrement(ref _publishWorkers);

            // A worker of a lost connection may end after the new connection started its workers: top them up.
            var current = _connection;
            if (current is not null && !ReferenceEquals(current, connection) && current.Channel.IsOpen && !token.IsCancellationRequested)
            {
                EnsurePublishing(current);
            }
        }
    }

    private TimeSpan PublishTimeout()
    {
        var longest = _subscriptions.Values.Select(s => s.RevisedPublishingIntervalMs * Math.Max(1, s.RevisedMaxKeepAliveCount)).DefaultIfEmpty(0).Max();
        return TimeSpan.FromMilliseconds(Math.Max(_options.RequestTimeout.TotalMilliseconds, (longest * 2) + 5000));
    }

    private List<(uint SubscriptionId, uint SequenceNumber)> TakeAcknowledgements()
    {
        var list = new List<(uint, uint)>();
        while (list.Count < 256 && _acknowledgements.TryDequeue(out var ack))
        {
            list.Add(ack);
        }

        return list;
    }

    private async Task DispatchAsync(Connection connection, PublishResult result, CancellationToken cancellationToken)
    {
        await _delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_subscriptions.TryGetValue(result.SubscriptionId, out var subscription))
            {
                return;
            }

            var message = result.Message;
            if (message.StatusChange is { } status)
            {
                OpcUaLog.SubscriptionStatusChanged(_logger, subscription.Id, status);
            }

            // The highest sequence number known to exist: a data message's own, or the one before a keep-alive's (a
            // keep-alive carries the number the next message will get).
            uint known;
            if (message.IsKeepAlive)
            {
                subscription.CountKeepAlive();
                known = message.SequenceNumber == 0 ? 0 : message.SequenceNumber - 1;
            }
            else
            {
                if (message.SequenceNumber <= subscription.LastSequenceNumber || subscription.Pending.ContainsKey(message.SequenceNumber))
                {
                    _acknowledgements.Enqueue((subscription.Id, message.SequenceNumber));
                    subscription.CountDuplicate();
                    return;
                }

                subscription.Pending[message.SequenceNumber] = message;
                known = message.SequenceNumber;
            }

            await DeliverPendingAsync(subscription, cancellationToken).ConfigureAwait(false);
            if (subscription.LastSequenceNumber == 0 || known <= subscription.LastSequenceNumber)
            {
                subscription.GapSince = null;
                return;
            }

            // A gap. With several Publish requests outstanding, the missing message may be in a response being handled
            // right now: give it a grace period (checked at the next response or keep-alive), then fetch what is still
            // missing with Republish.
            var now = _time.GetUtcNow();
            subscription.GapSince ??= now;
            if (now - subscription.GapSince.Value < GapGrace)
            {
                return;
            }

            subscription.GapSince = null;
            await FillGapAsync(connection, subscription, known, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _delivery.Release();
        }
    }

    /// <summary>Delivers the pending messages that follow the last delivered one without a gap (all of them on a fresh subscription).</summary>
    private async Task DeliverPendingAsync(OpcUaSubscription subscription, CancellationToken cancellationToken)
    {
        while (subscription.Pending.Count > 0)
        {
            var (sequence, message) = subscription.Pending.First();
            if (subscription.LastSequenceNumber != 0 && sequence != subscription.LastSequenceNumber + 1)
            {
                return;
            }

            subscription.Pending.Remove(sequence);
            await DeliverAsync(subscription, message, cancellationToken).ConfigureAwait(false);

            // Acknowledged only once delivered: a message lost to a broken connection is republished after reconnecting.
            _acknowledgements.Enqueue((subscription.Id, sequence));
        }
    }

    /// <summary>Fetches the missing messages up to <paramref name="last"/> (inclusive) with Republish, delivering in order.</summary>
    private async Task FillGapAsync(Connection connection, OpcUaSubscription subscription, uint last, CancellationToken cancellationToken)
    {
        const uint MaxGap = 1000;
        if (last - subscription.LastSequenceNumber > MaxGap)
        {
            subscription.LastSequenceNumber = last - MaxGap;
        }

        while (subscription.LastSequenceNumber < last)
        {
            var sequence = subscription.LastSequenceNumber + 1;
            if (subscription.Pending.ContainsKey(sequence))
            {
                await DeliverPendingAsync(subscription, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                var missed = await CallAsync(
                    connection,
                    (w, c) => SubscriptionCodec.WriteRepublishRequest(w, c, subscription.Id, sequence),
                    body => SubscriptionCodec.ReadRepublishResponse(body, _options.EncodingLimits),
                    cancellationToken).ConfigureAwait(false);
                subscription.CountRepublished();
                OpcUaLog.Republished(_logger, subscription.Id, sequence);
                await DeliverAsync(subscription, missed with { SequenceNumber = sequence }, cancellationToken).ConfigureAwait(false);
                _acknowledgements.Enqueue((subscription.Id, sequence));
            }
            catch (OpcUaServiceException e) when (e.Status == StatusCode.BadMessageNotAvailable || e.Status == StatusCode.BadSequenceNumberUnknown)
            {
                subscription.CountLost();
                subscription.LastSequenceNumber = sequence;
                OpcUaLog.NotificationLost(_logger, subscription.Id, sequence, e.Status);
            }
        }

        await DeliverPendingAsync(subscription, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeliverAsync(OpcUaSubscription subscription, NotificationMessage message, CancellationToken cancellationToken)
    {
        subscription.LastSequenceNumber = message.SequenceNumber;
        var changes = new List<OpcUaValueChange>(message.DataChanges.Count);
        foreach (var notification in message.DataChanges)
        {
            var item = subscription.Find(notification.ClientHandle);
            if (item is null)
            {
                continue;
            }

            if (item.LastDelivered is { } last && last == notification.Value)
            {
                subscription.CountDuplicate();
                continue;
            }

            item.LastDelivered = notification.Value;
            changes.Add(new OpcUaValueChange(item, notification.Value));
        }

        if (changes.Count == 0)
        {
            return;
        }

        subscription.CountDelivered(changes.Count);
        try
        {
            await subscription.Callback(changes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            OpcUaLog.CallbackFailed(_logger, subscription.Id, e);
        }
    }
}
