using Microsoft.EntityFrameworkCore;

namespace Nightshift.Server.Data;

/// <summary>
/// Brings the metadata database up to the model: creates it when missing, and in a database made by an older
/// version adds the tables and indexes that version did not have (EnsureCreated alone adds nothing to an existing
/// database). Additive only: no column of an existing table is changed. Idempotent.
/// </summary>
public static class MetadataSchema
{
    public static async Task EnsureAsync(MetadataDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Database.EnsureCreatedAsync(cancellationToken) || !db.Database.IsSqlite())
        {
            return;
        }

        foreach (var statement in db.Database.GenerateCreateScript().Split(';'))
        {
            var sql = statement.Trim()
                .Replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", StringComparison.Ordinal)
                .Replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", StringComparison.Ordinal)
                .Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal);
            if (sql.Length > 0)
            {
                await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            }
        }
    }
}
