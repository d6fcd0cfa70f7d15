using Microsoft.Extensions.Logging;
using Nightshift.Twins.Equipment;

namespace Nightshift.Server.Live;

/// <summary>Turns twin changes (state, online) into live updates and log lines.</summary>
public sealed partial class TwinEventPublisher(LiveBus live, ILogger<TwinEventPublisher> logger) : ITwinListener
{
    public void StateChanged(string tenant, string equipmentPath, string? previous, string current, DateTime timestamp)
    {
        LogStateChanged(logger, tenant, equipmentPath, previous ?? "(none)", current);
        live.Publish(new LiveUpdate(tenant, equipmentPath, []) { State = current });
    }

    public void OnlineChanged(string tenant, string equipmentPath, bool online, DateTime timestamp) =>
        live.Publish(new LiveUpdate(tenant, equipmentPath, []) { Online = online });

    [LoggerMessage(EventId = 6003, Level = LogLevel.Debug, Message = "{Tenant}/{Equipment}: {Previous} -> {Current}")]
    private static partial void LogStateChanged(ILogger logger, string tenant, string equipment, string previous, string current);
}
