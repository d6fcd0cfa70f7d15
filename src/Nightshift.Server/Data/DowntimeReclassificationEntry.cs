namespace Nightshift.Server.Data;

/// <summary>
/// An operator's re-classification of one downtime interval: the equipment and the interval's start (UTC) identify it;
/// the reason code and text replace the machine's, and <see cref="Planned"/> moves the interval to planned downtime.
/// One row per interval (the latest re-classification wins; the audit log keeps every one).
/// </summary>
public sealed class DowntimeReclassificationEntry
{
    public long Id { get; set; }

    public required string Tenant { get; set; }

    public required string Equipment { get; set; }

    public DateTime Start { get; set; }

    public required string Reason { get; set; }

    public string? ReasonText { get; set; }

    public bool Planned { get; set; }

    public required string Who { get; set; }

    public DateTime Timestamp { get; set; }
}
