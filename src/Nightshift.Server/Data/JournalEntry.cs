namespace Nightshift.Server.Data;

/// <summary>
/// One journaled plant event (a <see cref="Nightshift.Core.Events.PlantEvent"/>): when (UTC), which tenant, what kind
/// (stored by name), at which asset path (none for tenant-wide events), who caused it and what happened. Append-only.
/// </summary>
public sealed class JournalEntry
{
    public long Id { get; set; }

    public required string Tenant { get; set; }

    public DateTime Timestamp { get; set; }

    public required string Kind { get; set; }

    public string? Asset { get; set; }

    public required string Actor { get; set; }

    public required string Message { get; set; }
}
