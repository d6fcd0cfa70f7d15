using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Nightshift.Server.Data;

namespace Nightshift.Server.Tests;

/// <summary>A real SQLite metadata database (<c>metadata.db</c>) in a test's folder, with the node's schema.</summary>
internal static class TestMetadata
{
    public static async Task<PooledDbContextFactory<MetadataDbContext>> CreateAsync(string folder, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<MetadataDbContext>().UseSqlite("Data Source=" + Path.Combine(folder, "metadata.db")).Options;
        var contexts = new PooledDbContextFactory<MetadataDbContext>(options);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await MetadataSchema.EnsureAsync(db, cancellationToken);
        }

        return contexts;
    }
}
