using System.Text.Json.Nodes;
using Nightshift.Core.Alarms;
using Nightshift.Core.Assets;

namespace Nightshift.Server.Notifications;

/// <summary>
/// One event offered to the webhooks of a tenant: its kind (<see cref="WebhookEventKinds"/>), when it happened (UTC), the
/// asset it concerns, and for alarm events the alarm's priority and class (what the filters route by); <see cref="Data"/>
/// is the event-specific part of the JSON body. Immutable once queued.
/// </summary>
public sealed record WebhookNotification(string Id, string Kind, string Tenant, DateTime Timestamp, AssetPath? Asset, JsonObject Data)
{
    /// <summary>The alarm's priority, for alarm and command events; null otherwise.</summary>
    public AlarmPriority? Priority { get; init; }

    /// <summary>The alarm's class, for alarm and command events; null otherwise.</summary>
    public string? Class { get; init; }
}
