namespace Nightshift.Server.Api;

/// <summary>
/// One delivery of a webhook in API responses: its delivery id (the <c>X-Nightshift-Delivery</c> header), the event kind,
/// its state (<c>pending</c>, <c>delivered</c>, <c>dead</c>), attempts made, times (UTC), the last HTTP status and error, and
/// the body sent.
/// </summary>
public sealed record WebhookDeliveryDto(
    string Id,
    string Kind,
    string State,
    int Attempts,
    DateTime CreatedAt,
    DateTime? NextAttemptAt,
    DateTime? LastAttemptAt,
    int? LastStatus,
    string? LastError,
    DateTime? DeliveredAt,
    string Body);
