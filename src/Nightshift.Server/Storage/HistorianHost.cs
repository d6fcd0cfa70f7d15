using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian;
using Nightshift.Historian.Postgres;
using Nightshift.Historian.Retention;
using Nightshift.Historian.Wal;

namespace Nightshift.Server.Storage;

/// <summary>
/// The node's historian. Opens the store when the node starts (loading the series registry before anything
/// ingests), flushes it when the node stops, and forwards every call to it in between. Registered before the
/// connectors, so it starts before them and stops after them. Calls before start throw
/// <see cref="InvalidOperationException"/>.
/// Durability: writes go through a <see cref="DurableHistoryWriter"/> whose write-ahead log lives in
/// <c>{data folder}/wal</c>. On start the log is replayed into the store (then flushed and checkpointed) before anything
/// ingests; <see cref="WriteAsync"/> returns only once the batch is in the log on disk, then queues it to the store; the
/// store is flushed and the log checkpointed every few seconds and on stop.
/// </summary>
public sealed class HistorianHost(NightshiftOptions options, SeriesRegistry series, TimeProvider time, ILoggerFactory loggers, Ingest.PlantCatalog catalog) : IHostedService, IHistorian
{
    private IHistorian? _historian;

    /// <summary>Retention per tag class (built-in classes and the plant files' <c>retention:</c>), on either engine.</summary>
    private RetentionJob? _retention;

    private DurableHistoryWriter? _durable;

    private IHistorian Open => _historian ?? throw new InvalidOperationException("The historian is not open yet.");

    private DurableHistoryWriter Durable => _durable ?? throw new InvalidOperationException("The historian is not open yet.");

    /// <summary>Opens the engine <see cref="NightshiftOptions.HistoryEngine"/> names.</summary>
    /// <exception cref="IOException">The store cannot be opened, e.g. another node holds the data folder, or PostgreSQL cannot be reached.</exception>
    /// <exception cref="InvalidOperationException">The Postgres engine was chosen without a connection string.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var engine = options.HistoryEngine switch
        {
            HistoryEngine.Postgres => await OpenPostgresAsync(cancellationToken),
            _ => await OpenDuckDbAsync(cancellationToken),
        };
        try
        {
            var walOptions = new WriteAheadLogOptions { Folder = Path.Combine(Path.GetFullPath(options.DataDirectory), WriteAheadLogOptions.FolderName) };
            _durable = await DurableHistoryWriter.OpenAsync(engine, walOptions, series, time, loggers, cancellationToken);
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }

        _historian = engine;
        if (engine is IRetentionTarget store)
        {
            var classes = new RetentionClassDictionary(catalog);
            _retention = new RetentionJob(
                store,
                new RetentionOptions { Classes = classes },
                classes.ClassOf,
                time,
                loggers.CreateLogger<RetentionJob>());
        }
    }

    private async Task<IHistorian> OpenDuckDbAsync(CancellationToken cancellationToken)
    {
        var storeOptions = new DuckDbHistorianOptions { DataFolder = Path.GetFullPath(options.DataDirectory) };
        try
        {
            return await DuckDbHistorian.OpenAsync(storeOptions, series, time, loggers.CreateLogger<DuckDbHistorian>(), cancellationToken);
        }
        catch (DuckDB.NET.Data.DuckDBException ex) when (ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            throw new IOException($"the history store {storeOptions.DatabasePath} is in use by another process; is another Nightshift running on this data folder? ({ex.Message})", ex);
        }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            throw new IOException($"the history store {storeOptions.DatabasePath} cannot be opened: it is corrupt or not a DuckDB database; move it aside to start with empty history, or restore it from a backup ({ex.Message})", ex);
        }
    }

    private async Task<IHistorian> OpenPostgresAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.HistoryConnectionString))
        {
            throw new InvalidOperationException("the PostgreSQL history engine needs a connection string (--history-connection \"Host=…;Database=…;Username=…\")");
        }

        var storeOptions = new PostgresHistorianOptions { ConnectionString = options.HistoryConnectionString, Schema = options.HistorySchema };
        try
        {
            return await PostgresHistorian.OpenAsync(storeOptions, series, time, loggers.CreateLogger<PostgresHistorian>(), cancellationToken);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            throw new IOException($"the PostgreSQL history store cannot be opened: {ex.Message}", ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _durable is { } durable ? durable.FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Returns once the batch is in the write-ahead log on disk (fsync) and queued to the store.</summary>
    /// <exception cref="IOException">The write-ahead log could not write or sync.</exception>
    public ValueTask WriteAsync(SampleBatch batch, CancellationToken ct) => Durable.WriteAsync(batch, ct);

    /// <summary>Flushes the store and checkpoints the write-ahead log.</summary>
    public Task FlushAsync(CancellationToken ct) => Durable.FlushAsync(ct);

    public Task<IReadOnlyList<Sample>> ReadRawAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int limit, CancellationToken ct) =>
        Open.ReadRawAsync(series, fromUtc, toUtc, limit, ct);

    public Task<IReadOnlyList<AggregateBucket>> ReadBucketsAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, TimeSpan bucket, CancellationToken ct) =>
        Open.ReadBucketsAsync(series, fromUtc, toUtc, bucket, ct);

    public Task<IReadOnlyList<Sample>> ReadDecimatedAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int maxPoints, CancellationToken ct) =>
        Open.ReadDecimatedAsync(series, fromUtc, toUtc, maxPoints, ct);

    public Task<Sample?> ReadLatestAsync(SeriesId series, DateTime atOrBeforeUtc, CancellationToken ct) =>
        Open.ReadLatestAsync(series, atOrBeforeUtc, ct);

    public Task<IReadOnlyList<RollupBucket>> ReadRollupAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, RollupInterval interval, TimeZoneInfo zone, CancellationToken ct) =>
        Open.ReadRollupAsync(series, fromUtc, toUtc, interval, zone, ct);

    public Task<AlignedSeries> ReadAlignedAsync(IReadOnlyList<SeriesId> series, DateTime fromUtc, DateTime toUtc, TimeSpan interval, AlignMode mode, CancellationToken ct) =>
        Open.ReadAlignedAsync(series, fromUtc, toUtc, interval, mode, ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _retention, null) is { } retention)
        {
            await retention.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _durable, null) is { } durable)
        {
            await durable.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _historian, null) is { } historian)
        {
            await historian.DisposeAsync();
        }
    }
}
