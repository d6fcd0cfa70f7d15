using Microsoft.Extensions.Logging;
using Nightshift.Core.Assets;
using Nightshift.Core.Events;
using Nightshift.Server.Journal;
using Nightshift.Twins.Equipment;

namespace Nightshift.Server.Live;

/// <summary>Turns twin changes (state, online) into live updates, journal events and log lines.</summary>
public sealed partial class TwinEventPublisher(LiveBus live, EventJournal journal, ILogger<TwinEventPublisher> logger) : ITwinListener
{
    public void StateChanged(string tenant, string equipmentPath, string? previous, string current, DateTime timestamp)
    {
        LogStateChanged(logger, tenant, equipmentPath, previous ?? "(none)", current);
        live.Publish(new LiveUpdate(tenant, equipmentPath, []) { State = current });
        journal.Append(new PlantEvent(timestamp, tenant, EventKind.StateChange, AssetOf(equipmentPath), $"{previous ?? "(none)"} -> {current}"));
    }

    public void OnlineChanged(string tenant, string equipmentPath, bool online, DateTime timestamp)
    {
        live.Publish(new LiveUpdate(tenant, equipmentPath, []) { Online = online });
        journal.Append(new PlantEvent(timestamp, tenant, EventKind.Connectivity, AssetOf(equipmentPath), online ? "online" : "offline"));
    }

    private static AssetPath? AssetOf(string equipmentPath) => AssetPath.TryParse(equipmentPath, out var path, out _) ? path : null;

    [LoggerMessage(EventId = 6003, Level = LogLevel.Debug, Message = "{Tenant}/{Equipment}: {Previous} -> {Current}")]
    private static partial void LogStateChanged(ILogger logger, string tenant, string equipment, string previous, string current);
}
