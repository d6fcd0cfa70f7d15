using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Core.Series;
using Nightshift.Historian;
using Nightshift.Server.Alarms;
using Nightshift.Server.Data;
using Nightshift.Server.Ingest;

namespace Nightshift.Benchmarks.Alarms;

/// <summary>
/// The pieces of a node the benchmark feeds, each in a folder of its own: the DuckDB historian and the alarm service with
/// its SQLite metadata database (the event writer running, as in the node). Every equipment's alarms are built before the
/// clock starts. Disposing stops and closes both.
/// </summary>
public sealed class BenchNode : IAsyncDisposable
{
    private BenchNode(DuckDbHistorian historian, AlarmService alarms)
    {
        Historian = historian;
        Alarms = alarms;
    }

    public DuckDbHistorian Historian { get; }

    public AlarmService Alarms { get; }

    public static async Task<BenchNode> OpenAsync(string folder, PlantCatalog catalog, SeriesRegistry registry, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<MetadataDbContext>().UseSqlite("Data Source=" + Path.Combine(folder, "metadata.db")).Options;
        var contexts = new PooledDbContextFactory<MetadataDbContext>(options);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            await MetadataSchema.EnsureAsync(db, cancellationToken).ConfigureAwait(false);
        }

        var historian = await DuckDbHistorian.OpenAsync(new DuckDbHistorianOptions { DataFolder = Path.Combine(folder, "history") }, registry, TimeProvider.System, NullLogger<DuckDbHistorian>.Instance, cancellationToken).ConfigureAwait(false);
        var alarms = new AlarmService(catalog, contexts, TimeProvider.System, NullLogger<AlarmService>.Instance);
        await alarms.StartAsync(cancellationToken).ConfigureAwait(false);
        alarms.Tick(); // builds the alarms of every equipment
        return new BenchNode(historian, alarms);
    }

    public async ValueTask DisposeAsync()
    {
        await Alarms.StopAsync(CancellationToken.None).ConfigureAwait(false);
        Alarms.Dispose();
        await Historian.DisposeAsync().ConfigureAwait(false);
    }
}
