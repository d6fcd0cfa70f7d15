using Nightshift.Core.Assets;
using Nightshift.Server.Data;

namespace Nightshift.Server.Notifications;

/// <summary>An enabled webhook as the dispatcher holds it: the stored subscription with its kinds and area parsed once. Immutable.</summary>
internal sealed record WebhookEndpoint(WebhookSubscription Subscription, IReadOnlyList<string> Kinds, AssetPath? Area)
{
    public static WebhookEndpoint From(WebhookSubscription subscription) =>
        new(subscription, WebhookEventKinds.Split(subscription.Kinds), AssetPath.TryParse(subscription.AreaPrefix, out var area, out _) ? area : null);

    public bool Matches(WebhookNotification notification) => WebhookFilter.Matches(Subscription, Kinds, Area, notification);
}
