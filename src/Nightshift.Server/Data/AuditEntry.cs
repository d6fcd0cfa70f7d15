namespace Nightshift.Server.Data;

/// <summary>One audited action: who did what to which tenant, when. Append-only.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime Timestamp { get; set; }

    public required string Tenant { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public string? Details { get; set; }
}
