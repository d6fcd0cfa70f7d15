using Nightshift.Core.Assets;
using Nightshift.Server.Data;

namespace Nightshift.Server.Notifications;

/// <summary>
/// Whether a webhook receives an event: it is enabled and of the same tenant; the event's kind is one of its kinds; the
/// event's asset is at or under its area prefix (an event without an asset passes only a webhook without a prefix); and
/// for events of an alarm, the priority is at least as urgent as its maximum (1 urgent … 4 low) and the class is its class.
/// Events without a priority or a class (state changes) are not narrowed by those two filters. Pure and thread-safe.
/// </summary>
public static class WebhookFilter
{
    public static bool Matches(WebhookSubscription subscription, IReadOnlyList<string> kinds, AssetPath? area, WebhookNotification notification)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(notification);
        if (!subscription.Enabled || !string.Equals(subscription.Tenant, notification.Tenant, StringComparison.Ordinal) || !kinds.Contains(notification.Kind, StringComparer.Ordinal))
        {
            return false;
        }

        if (area is { Depth: > 0 } && (notification.Asset is not { } asset || !asset.IsAtOrUnder(area)))
        {
            return false;
        }

        if (notification.Priority is { } priority && (int)priority > subscription.MaxPriority)
        {
            return false;
        }

        return subscription.Class is not { Length: > 0 } wanted || notification.Class is null || string.Equals(wanted, notification.Class, StringComparison.OrdinalIgnoreCase);
    }
}
