using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Events;
using Nightshift.Server.Journal;

namespace Nightshift.Server.Data;

/// <summary>Writes audit entries, each also a configuration, command or audit event of the journal when one is given. Thread-safe (a context per call).</summary>
public sealed class AuditLog(IDbContextFactory<MetadataDbContext> contexts, TimeProvider time, EventJournal? journal = null)
{
    public async Task WriteAsync(string tenant, string actor, string action, string? details, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditEntry { Timestamp = time.GetUtcNow().UtcDateTime, Tenant = tenant, Actor = actor, Action = action, Details = details });
        await db.SaveChangesAsync(cancellationToken);
        journal?.Append(new PlantEvent(time.GetUtcNow().UtcDateTime, tenant, EventKindNames.OfAuditAction(action), null, details is null ? action : $"{action}: {details}") { Actor = actor });
    }
}
