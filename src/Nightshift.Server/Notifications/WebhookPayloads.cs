using System.Globalization;
using System.Text.Json.Nodes;
using Nightshift.Core.Alarms;
using Nightshift.Core.Assets;
using Nightshift.Server.Alarms;

namespace Nightshift.Server.Notifications;

/// <summary>
/// Builds the events offered to webhooks and their JSON bodies:
/// <c>{"id", "kind", "tenant", "timestamp", "asset", "data": {…}}</c>, times in UTC ISO-8601, names in camelCase.
/// Stateless and thread-safe.
/// </summary>
public static class WebhookPayloads
{
    /// <summary>The alarm actions that are an operator's command.</summary>
    private static readonly Dictionary<AlarmAction, string> Commands = new()
    {
        [AlarmAction.Acknowledge] = "alarm.ack",
        [AlarmAction.Shelve] = "alarm.shelve",
        [AlarmAction.Unshelve] = "alarm.unshelve",
        [AlarmAction.Reset] = "alarm.reset",
        [AlarmAction.Comment] = "alarm.comment",
        [AlarmAction.RemoveFromService] = "alarm.removeFromService",
        [AlarmAction.ReturnToService] = "alarm.returnToService",
    };

    /// <summary>An alarm transition: <c>data</c> holds the alarm id, action, from and to states, who, comment, priority (1–4), class, position, condition and shelve end.</summary>
    public static WebhookNotification Alarm(string tenant, AlarmEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var data = new JsonObject
        {
            ["alarm"] = e.AlarmId,
            ["action"] = Camel(e.Action.ToString()),
            ["from"] = e.From.ToString(),
            ["to"] = e.To.ToString(),
            ["who"] = e.Who,
            ["comment"] = e.Comment,
            ["priority"] = (int)e.Priority,
            ["class"] = e.Class,
            ["position"] = e.Position,
            ["conditionActive"] = e.ConditionActive,
            ["shelvedUntil"] = e.ShelvedUntil is { } until ? Iso(until) : null,
        };
        return new WebhookNotification(Guid.NewGuid().ToString(), WebhookEventKinds.Alarm, tenant, e.Timestamp, EquipmentOf(e.AlarmId), data)
        {
            Priority = e.Priority,
            Class = e.Class,
        };
    }

    /// <summary>An operator's command on an alarm (acknowledge, shelve, …), or null when the transition was not one.</summary>
    public static WebhookNotification? Command(string tenant, AlarmEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!Commands.TryGetValue(e.Action, out var action) || string.Equals(e.Who, AlarmStateMachine.SystemActor, StringComparison.Ordinal))
        {
            return null;
        }

        var data = new JsonObject
        {
            ["action"] = action,
            ["alarm"] = e.AlarmId,
            ["who"] = e.Who,
            ["comment"] = e.Comment,
            ["priority"] = (int)e.Priority,
            ["class"] = e.Class,
            ["state"] = e.To.ToString(),
        };
        return new WebhookNotification(Guid.NewGuid().ToString(), WebhookEventKinds.Command, tenant, e.Timestamp, EquipmentOf(e.AlarmId), data)
        {
            Priority = e.Priority,
            Class = e.Class,
        };
    }

    /// <summary>An equipment's new state: <c>data</c> holds the equipment path and the state.</summary>
    public static WebhookNotification StateChange(string tenant, string equipment, string state, DateTime timestamp)
    {
        var data = new JsonObject { ["equipment"] = equipment, ["state"] = state };
        return new WebhookNotification(Guid.NewGuid().ToString(), WebhookEventKinds.StateChange, tenant, timestamp, AssetPath.TryParse(equipment, out var path, out _) ? path : null, data);
    }

    /// <summary>The JSON body of an event, as signed and sent.</summary>
    public static string Body(WebhookNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = new JsonObject
        {
            ["id"] = notification.Id,
            ["kind"] = notification.Kind,
            ["tenant"] = notification.Tenant,
            ["timestamp"] = Iso(notification.Timestamp),
            ["asset"] = notification.Asset?.Value,
            ["data"] = notification.Data.DeepClone(),
        };
        return body.ToJsonString();
    }

    private static AssetPath? EquipmentOf(string alarmId) => AlarmIds.TryParse(alarmId, out var equipment, out _) ? equipment : null;

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Camel(string name) => string.Create(name.Length, name, static (span, n) =>
    {
        n.AsSpan().CopyTo(span);
        span[0] = char.ToLowerInvariant(span[0]);
    });
}
