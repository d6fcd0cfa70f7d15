namespace Nightshift.Server.Data;

/// <summary>
/// A webhook of a tenant: where to POST (<see cref="Url"/>), the secret the body is signed with (HMAC-SHA256), and which
/// events it receives: the event kinds (comma-separated names: <c>alarm</c>, <c>stateChange</c>, <c>command</c>), alarms
/// of a priority up to <see cref="MaxPriority"/> (1 urgent to 4 low), assets at or under <see cref="AreaPrefix"/>, and
/// alarms of <see cref="Class"/>. A receiver answering 410 Gone disables it (<see cref="Enabled"/>, <see cref="DisabledReason"/>).
/// </summary>
public sealed class WebhookSubscription
{
    public long Id { get; set; }

    public required string Tenant { get; set; }

    public required string Name { get; set; }

    public required string Url { get; set; }

    public required string Secret { get; set; }

    /// <summary>The event kinds, comma-separated names.</summary>
    public required string Kinds { get; set; }

    /// <summary>The least urgent alarm priority delivered, 1 (urgent only) to 4 (all).</summary>
    public int MaxPriority { get; set; } = 4;

    /// <summary>An asset path: only events at or under it are delivered; null for the whole tenant.</summary>
    public string? AreaPrefix { get; set; }

    /// <summary>Only alarms of this class; null for every class.</summary>
    public string? Class { get; set; }

    public bool Enabled { get; set; } = true;

    public string? DisabledReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}
