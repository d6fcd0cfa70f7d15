using Nightshift.Connectivity.OpcUa.Services;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// A subscription of an <see cref="OpcUaClient"/>: its monitored items and the callback that receives their values, in
/// the order the server published them and never twice. Survives reconnections (its <see cref="Id"/> changes when the
/// server had to re-create it). Counters say what happened: values delivered, duplicates dropped, notifications
/// republished and lost. Thread-safe; dispose to delete it on the server.
/// </summary>
public sealed class OpcUaSubscription : IAsyncDisposable
{
    private readonly OpcUaClient _client;
    private readonly Dictionary<uint, OpcUaMonitoredItem> _byHandle = [];
    private readonly List<OpcUaMonitoredItem> _items = [];
    private readonly Lock _gate = new();
    private long _delivered;
    private long _duplicates;
    private long _republished;
    private long _lost;
    private long _keepAlives;

    internal OpcUaSubscription(OpcUaClient client, SubscriptionOptions options, Func<IReadOnlyList<OpcUaValueChange>, CancellationToken, ValueTask> callback)
    {
        _client = client;
        Options = options;
        Callback = callback;
    }

    /// <summary>The server's id of the subscription.</summary>
    public uint Id { get; internal set; }

    public SubscriptionOptions Options { get; }

    /// <summary>The publishing interval the server granted, in ms.</summary>
    public double RevisedPublishingIntervalMs { get; internal set; }

    public uint RevisedMaxKeepAliveCount { get; internal set; }

    public uint RevisedLifetimeCount { get; internal set; }

    public IReadOnlyList<OpcUaMonitoredItem> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    /// <summary>Values passed to the callback.</summary>
    public long DeliveredValues => Interlocked.Read(ref _delivered);

    /// <summary>Notifications or values dropped because they had been delivered already.</summary>
    public long DuplicatesDropped => Interlocked.Read(ref _duplicates);

    /// <summary>Missed notification messages fetched again with Republish.</summary>
    public long Republished => Interlocked.Read(ref _republished);

    /// <summary>Missed notification messages the server no longer held.</summary>
    public long LostMessages => Interlocked.Read(ref _lost);

    /// <summary>Keep-alive messages received.</summary>
    public long KeepAlives => Interlocked.Read(ref _keepAlives);

    internal Func<IReadOnlyList<OpcUaValueChange>, CancellationToken, ValueTask> Callback { get; }

    /// <summary>The sequence number of the last notification message delivered (0 = none on this server subscription).</summary>
    internal uint LastSequenceNumber { get; set; }

    /// <summary>Messages received ahead of a gap, waiting to be delivered in order (touched under the client's delivery lock).</summary>
    internal SortedDictionary<uint, NotificationMessage> Pending { get; } = [];

    /// <summary>When the current gap was first seen; null when there is none. A gap older than a grace period is republished.</summary>
    internal DateTimeOffset? GapSince { get; set; }

    internal void ResetSequence()
    {
        LastSequenceNumber = 0;
        Pending.Clear();
        GapSince = null;
    }

    /// <summary>Adds monitored items (created in batches).</summary>
    /// <exception cref="OpcUaServiceException">The request failed as a whole.</exception>
    public Task<IReadOnlyList<OpcUaMonitoredItem>> AddItemsAsync(IReadOnlyList<MonitoredItemDefinition> items, CancellationToken cancellationToken) =>
        _client.AddItemsAsync(this, items, cancellationToken);

    /// <summary>Deletes monitored items.</summary>
    public Task RemoveItemsAsync(IReadOnlyList<OpcUaMonitoredItem> items, CancellationToken cancellationToken) =>
        _client.RemoveItemsAsync(this, items, cancellationToken);

    /// <summary>Changes the publishing interval (ModifySubscription).</summary>
    public Task ModifyAsync(TimeSpan publishingInterval, CancellationToken cancellationToken) =>
        _client.ModifySubscriptionAsync(this, publishingInterval, cancellationToken);

    /// <summary>Deletes the subscription on the server and stops its callback.</summary>
    public async ValueTask DisposeAsync() => await _client.DeleteSubscriptionAsync(this, CancellationToken.None).ConfigureAwait(false);

    internal void AddItem(OpcUaMonitoredItem item)
    {
        lock (_gate)
        {
            _items.Add(item);
            _byHandle[item.ClientHandle] = item;
        }
    }

    internal void RemoveItem(OpcUaMonitoredItem item)
    {
        lock (_gate)
        {
            _items.Remove(item);
            _byHandle.Remove(item.ClientHandle);
        }
    }

    internal OpcUaMonitoredItem? Find(uint clientHandle)
    {
        lock (_gate)
        {
            return _byHandle.GetValueOrDefault(clientHandle);
        }
    }

    internal void CountDelivered(int count) => Interlocked.Add(ref _delivered, count);

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountRepublished() => Interlocked.Increment(ref _republished);

    internal void CountLost() => Interlocked.Increment(ref _lost);

    internal void CountKeepAlive() => Interlocked.Increment(ref _keepAlives);

    internal void Apply(SubscriptionParameters parameters)
    {
        Id = parameters.SubscriptionId;
        RevisedPublishingIntervalMs = parameters.PublishingIntervalMs;
        RevisedLifetimeCount = parameters.LifetimeCount;
        RevisedMaxKeepAliveCount = parameters.MaxKeepAliveCount;
    }
}
