namespace Nightshift.Server.Data;

/// <summary>
/// One delivery of one event to one webhook: the outbox row that makes it survive a restart. It holds the exact body
/// that is signed and sent, its state (<c>pending</c>, <c>delivered</c>, <c>dead</c>), the attempts made, when the next
/// one is due (UTC), and the outcome of the last one (HTTP status, error).
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    /// <summary>The id sent as <c>X-Nightshift-Delivery</c>: the same for every attempt of this delivery.</summary>
    public required string DeliveryId { get; set; }

    public long SubscriptionId { get; set; }

    public required string Tenant { get; set; }

    /// <summary>The event kind's name, sent as <c>X-Nightshift-Event</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The JSON body, UTF-8 when sent.</summary>
    public required string Body { get; set; }

    public required string State { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    public int? LastStatus { get; set; }

    public string? LastError { get; set; }

    public DateTime? DeliveredAt { get; set; }
}
