using Microsoft.EntityFrameworkCore;

namespace Nightshift.Server.Data;

/// <summary>Writes audit entries. Thread-safe (a context per call).</summary>
public sealed class AuditLog(IDbContextFactory<MetadataDbContext> contexts, TimeProvider time)
{
    public async Task WriteAsync(string tenant, string actor, string action, string? details, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditEntry { Timestamp = time.GetUtcNow().UtcDateTime, Tenant = tenant, Actor = actor, Action = action, Details = details });
        await db.SaveChangesAsync(cancellationToken);
    }
}
