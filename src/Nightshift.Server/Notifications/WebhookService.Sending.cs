using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nightshift.Server.Data;

namespace Nightshift.Server.Notifications;

/// <summary>The sender: picks due outbox rows, POSTs them and records the outcome.</summary>
public sealed partial class WebhookService
{
    private const int PickLimit = 500;

    /// <summary>
    /// Starts an attempt for every due delivery of an enabled webhook that has room (fewer than
    /// <see cref="WebhookOptions.MaxConcurrencyPerWebhook"/> in flight) and returns how many were started; the attempts
    /// run on their own and record their outcome when done.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await _pickGate.WaitAsync(cancellationToken);
        try
        {
            var byId = _endpoints.Values.SelectMany(e => e).ToDictionary(e => e.Subscription.Id);
            if (byId.Count == 0)
            {
                return 0;
            }

            var now = _time.GetUtcNow().UtcDateTime;
            var ids = byId.Keys.ToList();

            // Attempts in flight before the query: one that ends while the query runs may have been read as still
            // pending, so it is skipped this round (its outcome was recorded before it left the in-flight set, so
            // the next round reads it as it is).
            var inFlightBefore = _inFlight.Keys.ToHashSet();
            List<WebhookDelivery> due;
            await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
            {
                due = await db.WebhookDeliveries.AsNoTracking()
                    .Where(d => d.State == WebhookDeliveryStates.Pending && d.NextAttemptAt <= now && ids.Contains(d.SubscriptionId))
                    .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
                    .Take(PickLimit)
                    .ToListAsync(cancellationToken);
            }

            var room = new Dictionary<long, int>();
            foreach (var (_, (subscription, _)) in _inFlight)
            {
                room[subscription] = room.GetValueOrDefault(subscription) + 1;
            }

            var started = 0;
            foreach (var delivery in due)
            {
                var busy = room.GetValueOrDefault(delivery.SubscriptionId);
                if (busy >= _options.MaxConcurrencyPerWebhook || inFlightBefore.Contains(delivery.Id) || _inFlight.ContainsKey(delivery.Id))
                {
                    continue;
                }

                room[delivery.SubscriptionId] = busy + 1;
                var endpoint = byId[delivery.SubscriptionId];
                var attempt = new TaskCompletionSource();
                _inFlight[delivery.Id] = (delivery.SubscriptionId, attempt.Task);
                _ = AttemptAsync(endpoint.Subscription, delivery, attempt, cancellationToken);
                started++;
            }

            return started;
        }
        finally
        {
            _pickGate.Release();
        }
    }

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPickFailed(_logger, ex);
                }

                // Until woken (a new delivery, an attempt done, a redeliver) or the poll interval passed (retries that came due).
                using var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var woken = _wake.WaitAsync(round.Token);
                var ticked = Task.Delay(_options.PollInterval, _time, round.Token);
                await Task.WhenAny(woken, ticked);
                await round.CancelAsync();
                await QuietlyAsync(woken);
                await QuietlyAsync(ticked);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private static async Task QuietlyAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // the other one ended the wait
        }
    }

    private async Task AttemptAsync(WebhookSubscription subscription, WebhookDelivery delivery, TaskCompletionSource done, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            var (status, error) = await SendAsync(subscription, delivery, stoppingToken);
            await RecordAsync(subscription, delivery.Id, status, error, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node stops mid-attempt: the row stays pending and is sent again after the restart.
        }
        catch (Exception ex)
        {
            LogRecordFailed(_logger, ex, delivery.DeliveryId);
        }
        finally
        {
            _inFlight.TryRemove(delivery.Id, out _);
            done.TrySetResult();
            Wake(); // the webhook has room again
        }
    }

    private async Task<(int? Status, string? Error)> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(subscription.Secret, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.DeliveryId);
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Kind);
        request.Headers.Add(WebhookSignature.TimestampHeader, _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Nightshift-Webhooks", "1"));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stoppingToken);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
        catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, $"no answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
    }

    private async Task RecordAsync(WebhookSubscription subscription, long rowId, int? status, string? error, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == rowId, cancellationToken);
        if (row is null || row.State != WebhookDeliveryStates.Pending)
        {
            return; // deleted with its webhook, or redelivered meanwhile
        }

        row.Attempts++;
        row.LastAttemptAt = now;
        row.LastStatus = status;
        row.LastError = error;
        var reload = false;
        if (status is >= 200 and < 300)
        {
            row.State = WebhookDeliveryStates.Delivered;
            row.DeliveredAt = now;
            DeliveredCounter.Add(1);
        }
        else if (status == (int)HttpStatusCode.Gone)
        {
            row.State = WebhookDeliveryStates.Dead;
            row.LastError = "410 Gone: the receiver asked to stop; the webhook is disabled";
            var stored = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == subscription.Id, cancellationToken);
            if (stored is not null)
            {
                stored.Enabled = false;
                stored.DisabledReason = $"the receiver answered 410 Gone at {now.ToString("O", CultureInfo.InvariantCulture)}";
            }

            reload = true;
            DeadCounter.Add(1);
            LogDisabled(_logger, subscription.Tenant, subscription.Name);
        }
        else if (row.Attempts >= _options.MaxAttempts)
        {
            row.State = WebhookDeliveryStates.Dead;
            FailedCounter.Add(1);
            DeadCounter.Add(1);
            LogDead(_logger, row.DeliveryId, subscription.Tenant, subscription.Name, row.Attempts, error ?? "failed");
        }
        else
        {
            row.NextAttemptAt = now + WebhookBackoff.Delay(_options, row.Attempts, Random.Shared.NextDouble());
            FailedCounter.Add(1);
            LogRetry(_logger, row.DeliveryId, subscription.Tenant, subscription.Name, row.Attempts, error ?? "failed", row.NextAttemptAt);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return; // the delivery was deleted with its webhook while the attempt ran: nothing left to record
        }

        if (reload)
        {
            await ReloadAsync(cancellationToken);
        }
    }

    [LoggerMessage(EventId = 9203, Level = LogLevel.Error, Message = "Could not look for due webhook deliveries")]
    private static partial void LogPickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9204, Level = LogLevel.Error, Message = "Could not record the outcome of webhook delivery {Delivery}")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string delivery);

    [LoggerMessage(EventId = 9205, Level = LogLevel.Information, Message = "Webhook delivery {Delivery} to {Tenant}/{Webhook} failed (attempt {Attempts}: {Error}); next attempt at {Next:O}")]
    private static partial void LogRetry(ILogger logger, string delivery, string tenant, string webhook, int attempts, string error, DateTime next);

    [LoggerMessage(EventId = 9206, Level = LogLevel.Warning, Message = "Webhook delivery {Delivery} to {Tenant}/{Webhook} is dead after {Attempts} attempts: {Error}")]
    private static partial void LogDead(ILogger logger, string delivery, string tenant, string webhook, int attempts, string error);

    [LoggerMessage(EventId = 9207, Level = LogLevel.Warning, Message = "Webhook {Tenant}/{Webhook} answered 410 Gone and is disabled")]
    private static partial void LogDisabled(ILogger logger, string tenant, string webhook);
}
