using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nightshift.Server.Alarms;
using Nightshift.Server.Data;
using Nightshift.Server.Ingest;
using Nightshift.Server.Live;

namespace Nightshift.Server.Notifications;

/// <summary>
/// Delivers events to webhooks, off the alarm and ingest paths. Alarm transitions (<see cref="AlarmService.Transitioned"/>)
/// and equipment state changes (the <see cref="LiveBus"/>) are offered to <see cref="Offer"/>, which only queues them in a
/// bounded channel (dropped and counted when full; nothing is queued for a tenant without webhooks). A router writes one
/// outbox row (<see cref="WebhookDelivery"/>) per matching webhook to the metadata database, so deliveries survive a
/// restart; a sender POSTs due rows, signed (<see cref="WebhookSignature"/>), at most
/// <see cref="WebhookOptions.MaxConcurrencyPerWebhook"/> at a time per webhook. A 2xx answer delivers, 410 Gone disables
/// the webhook, anything else (or no answer within the timeout) is retried with exponential backoff and jitter
/// (<see cref="WebhookBackoff"/>) until the last attempt, after which the delivery is dead-lettered.
/// </summary>
/// <remarks>Thread-safe. Storage failures are logged and retried on the next round; nothing here throws into its callers.</remarks>
public sealed partial class WebhookService : BackgroundService
{
    private static readonly Meter Meter = new(IngestMetrics.MeterName);
    private static readonly Counter<long> DeliveredCounter = Meter.CreateCounter<long>("nightshift.webhooks.delivered", "{delivery}", "Webhook deliveries answered with 2xx");
    private static readonly Counter<long> FailedCounter = Meter.CreateCounter<long>("nightshift.webhooks.failed_attempts", "{attempt}", "Webhook attempts that failed");
    private static readonly Counter<long> DeadCounter = Meter.CreateCounter<long>("nightshift.webhooks.dead", "{delivery}", "Webhook deliveries dead-lettered");
    private static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>("nightshift.webhooks.dropped", "{event}", "Events not offered to webhooks because the queue was full");

    private readonly IDbContextFactory<MetadataDbContext> _contexts;
    private readonly AlarmService _alarms;
    private readonly LiveBus _live;
    private readonly TimeProvider _time;
    private readonly WebhookOptions _options;
    private readonly ILogger<WebhookService> _logger;
    private readonly HttpClient _http;
    private readonly Channel<WebhookNotification> _queue;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _pickGate = new(1, 1);
    private readonly ConcurrentDictionary<long, (long Subscription, Task Attempt)> _inFlight = new();
    private IDisposable? _liveSubscription;
    private volatile Dictionary<string, WebhookEndpoint[]> _endpoints = new(StringComparer.Ordinal);
    private long _dropped;

    public WebhookService(
        IDbContextFactory<MetadataDbContext> contexts,
        AlarmService alarms,
        LiveBus live,
        TimeProvider time,
        IOptions<WebhookOptions> options,
        ILogger<WebhookService> logger)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _contexts = contexts;
        _alarms = alarms;
        _live = live;
        _time = time;
        _options = options.Value;
        _logger = logger;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrencyPerWebhook, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1);
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            Timeout = _options.Timeout,
        };
        _queue = Channel.CreateBounded<WebhookNotification>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The options in force.</summary>
    public WebhookOptions Options => _options;

    /// <summary>Events dropped so far because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Whether a tenant has an enabled webhook (events of other tenants are not even queued).</summary>
    public bool HasWebhooks(string tenant) => _endpoints.ContainsKey(tenant);

    /// <summary>Queues an event for the webhooks of its tenant. Never blocks; false when it was dropped (queue full) or nobody listens.</summary>
    public bool Offer(WebhookNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!HasWebhooks(notification.Tenant))
        {
            return false;
        }

        if (_queue.Writer.TryWrite(notification))
        {
            return true;
        }

        if (Interlocked.Increment(ref _dropped) == 1)
        {
            LogFirstDrop(_logger);
        }

        DroppedCounter.Add(1);
        return false;
    }

    /// <summary>Asks the sender to look for due deliveries now (after a redeliver, or when the clock jumped).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already woken
        }
    }

    /// <summary>Reads the enabled webhooks again, after a change.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var enabled = await db.Webhooks.AsNoTracking().Where(w => w.Enabled).ToListAsync(cancellationToken);
        _endpoints = enabled.GroupBy(w => w.Tenant, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(WebhookEndpoint.From).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Reads the webhooks, subscribes to the alarm transitions and the live bus, and starts routing and sending.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);

        // Subscribed here rather than in ExecuteAsync, which the host runs on the thread pool: no event after start is missed.
        _alarms.Transitioned += OnAlarmTransitions;
        _liveSubscription = _live.SubscribeAll(OnLiveUpdate);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Stops routing and sending; events still queued are written to the outbox within a short grace, so a restart sends them.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _alarms.Transitioned -= OnAlarmTransitions;
        _liveSubscription?.Dispose();
        await base.StopAsync(cancellationToken);
        var batch = new List<WebhookNotification>();
        while (_queue.Reader.TryRead(out var notification))
        {
            batch.Add(notification);
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await WriteOutboxAsync(batch, grace.Token);
        }
        catch (Exception ex)
        {
            LogOutboxFailed(_logger, ex, batch.Count);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _alarms.Transitioned -= OnAlarmTransitions;
        _liveSubscription?.Dispose();
        _http.Dispose();
        _wake.Dispose();
        _pickGate.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var routing = RouteLoopAsync(stoppingToken);
            var sending = SendLoopAsync(stoppingToken);
            await Task.WhenAll(routing, sending);
        }
        finally
        {
            await Task.WhenAll(_inFlight.Values.Select(v => v.Attempt));
        }
    }

    private void OnAlarmTransitions(object? sender, AlarmTransitionsEventArgs e)
    {
        if (!HasWebhooks(e.Tenant))
        {
            return;
        }

        foreach (var alarmEvent in e.Events)
        {
            Offer(WebhookPayloads.Alarm(e.Tenant, alarmEvent));
            if (WebhookPayloads.Command(e.Tenant, alarmEvent) is { } command)
            {
                Offer(command);
            }
        }
    }

    private void OnLiveUpdate(LiveUpdate update)
    {
        if (update.State is { } state && HasWebhooks(update.Tenant))
        {
            Offer(WebhookPayloads.StateChange(update.Tenant, update.Equipment, state, _time.GetUtcNow().UtcDateTime));
        }
    }

    private async Task RouteLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<WebhookNotification>(256);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < 256 && _queue.Reader.TryRead(out var notification))
                {
                    batch.Add(notification);
                }

                try
                {
                    if (await WriteOutboxAsync(batch, stoppingToken) > 0)
                    {
                        Wake();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogOutboxFailed(_logger, ex, batch.Count);
                }
                finally
                {
                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node stops: what is queued is still written to the outbox, within a short grace.
            while (batch.Count < 10_000 && _queue.Reader.TryRead(out var notification))
            {
                batch.Add(notification);
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await WriteOutboxAsync(batch, grace.Token);
            }
            catch (Exception ex)
            {
                LogOutboxFailed(_logger, ex, batch.Count);
            }
        }
    }

    private async Task<int> WriteOutboxAsync(List<WebhookNotification> batch, CancellationToken cancellationToken)
    {
        var endpoints = _endpoints;
        var now = _time.GetUtcNow().UtcDateTime;
        var rows = new List<WebhookDelivery>();
        foreach (var notification in batch)
        {
            if (!endpoints.TryGetValue(notification.Tenant, out var candidates))
            {
                continue;
            }

            string? body = null;
            foreach (var endpoint in candidates)
            {
                if (!endpoint.Matches(notification))
                {
                    continue;
                }

                body ??= WebhookPayloads.Body(notification);
                rows.Add(new WebhookDelivery
                {
                    DeliveryId = Guid.NewGuid().ToString(),
                    SubscriptionId = endpoint.Subscription.Id,
                    Tenant = notification.Tenant,
                    Kind = notification.Kind,
                    Body = body,
                    State = WebhookDeliveryStates.Pending,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        db.WebhookDeliveries.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "The webhook queue is full: events are dropped (counted by nightshift.webhooks.dropped)")]
    private static partial void LogFirstDrop(ILogger logger);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Error, Message = "Could not write {Count} events to the webhook outbox")]
    private static partial void LogOutboxFailed(ILogger logger, Exception exception, int count);
}
