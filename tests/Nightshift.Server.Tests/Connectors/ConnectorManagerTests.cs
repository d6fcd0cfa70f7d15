using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Server.Connectors;
using Nightshift.Server.Data;

namespace Nightshift.Server.Tests.Connectors;

public sealed class ConnectorManagerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nightshift-connectors-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static ConnectorReadResult Document(string name, int port) => ConnectorDocumentReader.Read($$"""
        {"name":"{{name}}","kind":"modbus","host":"127.0.0.1","port":{{port}},"timeoutMs":50,
         "reconnect":{"minDelayMs":20,"maxDelayMs":100},
         "pollGroups":[{"name":"fast","intervalMs":50,"points":[{"name":"power","table":"holding","address":0,"type":"float32"}]}]}
        """);

    [Fact]
    public async Task Stored_connectors_start_again_with_the_node_and_an_older_database_gets_their_table()
    {
        var options = new DbContextOptionsBuilder<MetadataDbContext>().UseSqlite("Data Source=" + Path.Combine(_directory, "metadata.db")).Options;
        var contexts = new PooledDbContextFactory<MetadataDbContext>(options);
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            // A database made before connectors existed: EnsureCreated will not add their table to it.
            await db.Database.EnsureCreatedAsync(Ct);
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"Connectors\"", Ct);

            // What the node's start-up does before the connectors start.
            await MetadataSchema.EnsureAsync(db, Ct);
        }

        var sink = new RecordingIngestSink();
        var port = FreePort.Next();
        await using (var first = new ConnectorManager(contexts, sink, TimeProvider.System, NullLoggerFactory.Instance))
        {
            await first.StartAsync(Ct);
            (await first.PutAsync("acme", Document("gw", port), Ct)).ShouldBeTrue();
            (await first.PutAsync("acme", Document("gw", port), Ct)).ShouldBeFalse("the second put replaces");
            (await first.PutAsync("acme", Document("idle", port), Ct)).ShouldBeTrue();
            var disabled = (await first.SetEnabledAsync("acme", "idle", false, Ct)).ShouldNotBeNull();
            disabled.Status.State.ShouldBe(ConnectorState.Disabled);
            disabled.Document.Enabled.ShouldBe(false);
            first.List("acme").Select(c => c.Document.Name).ShouldBe(["gw", "idle"]);
            first.List("other").ShouldBeEmpty();
            first.Get("other", "gw").ShouldBeNull();
            (await first.SetEnabledAsync("other", "gw", false, Ct)).ShouldBeNull();
            await first.StopAsync(Ct);
        }

        await using var second = new ConnectorManager(contexts, sink, TimeProvider.System, NullLoggerFactory.Instance);
        await second.StartAsync(Ct);
        second.Get("acme", "gw").ShouldNotBeNull().Status.State.ShouldNotBe(ConnectorState.Disabled);
        second.Get("acme", "idle").ShouldNotBeNull().Status.State.ShouldBe(ConnectorState.Disabled);
        (await second.DeleteAsync("acme", "gw", Ct)).ShouldBeTrue();
        (await second.DeleteAsync("acme", "gw", Ct)).ShouldBeFalse();
        second.Get("acme", "gw").ShouldBeNull();
        await using var db2 = await contexts.CreateDbContextAsync(Ct);
        (await db2.Connectors.Select(c => c.Name).ToListAsync(Ct)).ShouldBe(["idle"]);
    }

    [Fact]
    public async Task An_invalid_document_is_not_stored()
    {
        var options = new DbContextOptionsBuilder<MetadataDbContext>().UseSqlite("Data Source=" + Path.Combine(_directory, "invalid.db")).Options;
        var contexts = new PooledDbContextFactory<MetadataDbContext>(options);
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            await db.Database.EnsureCreatedAsync(Ct);
        }

        await using var manager = new ConnectorManager(contexts, new RecordingIngestSink(), TimeProvider.System, NullLoggerFactory.Instance);
        await manager.StartAsync(Ct);
        var invalid = ConnectorDocumentReader.Read("""{"name":"gw","kind":"modbus"}""");

        await Should.ThrowAsync<ArgumentException>(() => manager.PutAsync("acme", invalid, Ct));
        manager.List("acme").ShouldBeEmpty();
    }
}
