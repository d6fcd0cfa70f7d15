using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Live;

/// <summary>
/// In-process fan-out of <see cref="LiveUpdate"/>s to the live views of a tenant. An update is published once
/// and handed to every subscriber of its tenant without copying. Handlers run on the publisher's thread and must
/// return quickly (UI components marshal with InvokeAsync). Thread-safe.
/// </summary>
public sealed partial class LiveBus
{
    private const string AllTenants = "\0all";
    private readonly ConcurrentDictionary<string, Action<LiveUpdate>[]> _subscribers = new(StringComparer.Ordinal);
    private readonly ILogger<LiveBus> _logger;

    public LiveBus(ILogger<LiveBus> logger)
    {
        _logger = logger;
    }

    /// <summary>Receives every update of <paramref name="tenant"/> until the returned handle is disposed.</summary>
    public IDisposable Subscribe(string tenant, Action<LiveUpdate> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _subscribers.AddOrUpdate(tenant, _ => [handler], (_, existing) => [.. existing, handler]);
        return new Subscription(this, tenant, handler);
    }

    /// <summary>Receives every update of every tenant (for the SignalR forwarder) until disposed.</summary>
    public IDisposable SubscribeAll(Action<LiveUpdate> handler) => Subscribe(AllTenants, handler);

    public void Publish(LiveUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        Deliver(update.Tenant, update);
        Deliver(AllTenants, update);
    }

    private void Deliver(string key, LiveUpdate update)
    {
        if (!_subscribers.TryGetValue(key, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(update);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(_logger, ex, update.Tenant);
            }
        }
    }

    private void Unsubscribe(string tenant, Action<LiveUpdate> handler) =>
        _subscribers.AddOrUpdate(tenant, _ => [], (_, existing) => existing.Where(h => h != handler).ToArray());

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "A live subscriber of tenant {Tenant} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string tenant);

    private sealed class Subscription(LiveBus bus, string tenant, Action<LiveUpdate> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                bus.Unsubscribe(tenant, handler);
            }
        }
    }
}
