namespace Nightshift.Server.Notifications;

/// <summary>
/// The states of a webhook delivery as stored and as the API names them: <c>pending</c> (waiting for its next attempt),
/// <c>delivered</c> (a 2xx answer), <c>dead</c> (the last attempt failed, or the receiver answered 410 Gone). Thread-safe.
/// </summary>
public static class WebhookDeliveryStates
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";

    public static IReadOnlyList<string> All { get; } = [Pending, Delivered, Dead];

    public static bool IsValid(string? state) => state is Pending or Delivered or Dead;
}
