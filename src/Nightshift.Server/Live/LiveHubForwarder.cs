using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Live;

/// <summary>
/// Forwards the live bus to SignalR clients, per tenant group. Updates are queued in a bounded channel that drops
/// the oldest when clients cannot keep up, so a slow hub never slows ingest.
/// </summary>
public sealed partial class LiveHubForwarder(LiveBus bus, IHubContext<LiveHub> hub, ILogger<LiveHubForwarder> logger) : BackgroundService
{
    private readonly Channel<LiveUpdate> _queue = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = bus.SubscribeAll(update => _queue.Writer.TryWrite(update));
        await foreach (var update in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.Group(LiveHub.TenantGroup(update.Tenant)).SendAsync(LiveHub.UpdateMethod, update, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSendFailed(logger, ex, update.Tenant);
            }
        }
    }

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Could not push a live update to tenant {Tenant}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string tenant);
}
