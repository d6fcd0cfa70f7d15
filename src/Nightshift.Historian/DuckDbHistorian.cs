using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Reading;
using Nightshift.Historian.Rollups;
using Nightshift.Historian.Writing;

namespace Nightshift.Historian;

/// <summary>
/// The embedded history store: one DuckDB file, <c>&lt;data folder&gt;/history.duckdb</c>, with a table of samples and
/// the series catalog. <see cref="WriteAsync"/> only queues; a background writer merges queued batches (up to
/// <see cref="DuckDbHistorianOptions.BatchSize"/> samples or <see cref="DuckDbHistorianOptions.FlushInterval"/>) and
/// appends them, together with the series registered since the last write, in one transaction. Reads use a small pool
/// of connections to the same database instance. Thread-safe. Metrics on the meter <c>Nightshift.Historian</c>
/// (tagged <c>nightshift.history.store</c> = the full path of the file).
/// </summary>
/// <remarks>
/// The series catalog is loaded into the <see cref="SeriesRegistry"/> by <see cref="OpenAsync"/>, so open the historian
/// before series are registered: ids then stay stable across restarts and are never reused.
/// </remarks>
public sealed partial class DuckDbHistorian : IHistorian, IBatchWriteTarget
{
    private readonly DuckDbHistorianOptions _options;
    private readonly SeriesRegistry _series;
    private readonly TimeProvider _time;
    private readonly ILogger<DuckDbHistorian> _logger;
    private readonly DuckDBConnection _writer;
    private readonly DuckDbConnectionPool _readers;
    private readonly HistorianMetrics _metrics;
    private readonly BatchingWriter _batchWriter;
    private readonly RollupMaintainer _rollups;
    private int _lastPersistedSeriesId;
    private int _disposed;

    private DuckDbHistorian(
        DuckDbHistorianOptions options,
        SeriesRegistry series,
        TimeProvider time,
        ILogger<DuckDbHistorian> logger,
        string connectionString,
        DuckDBConnection writer,
        RollupMaintainer rollups,
        int lastPersistedSeriesId)
    {
        _rollups = rollups;
        _options = options;
        _series = series;
        _time = time;
        _logger = logger;
        _writer = writer;
        _lastPersistedSeriesId = lastPersistedSeriesId;
        _metrics = new HistorianMetrics(Path.GetFullPath(options.DatabasePath));
        _readers = new DuckDbConnectionPool(connectionString, options.ReaderPoolSize);
        _batchWriter = new BatchingWriter(
            this, options.BatchSize, options.FlushInterval, options.ChannelCapacity, time, _metrics, nameof(DuckDbHistorian));
    }

    /// <summary>
    /// Opens (creating when needed) the store in <see cref="DuckDbHistorianOptions.DataFolder"/>, creates the schema,
    /// loads the persisted series catalog into <paramref name="series"/> and starts the writer.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="DuckDBException">The file cannot be opened (e.g. another process holds it).</exception>
    /// <exception cref="InvalidDataException">The file was written by a newer schema, or its catalog is corrupt.</exception>
    public static async Task<DuckDbHistorian> OpenAsync(
        DuckDbHistorianOptions options,
        SeriesRegistry series,
        TimeProvider time,
        ILogger<DuckDbHistorian> logger,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        ct.ThrowIfCancellationRequested();

        Directory.CreateDirectory(options.DataFolder);
        var connectionString = new DuckDBConnectionStringBuilder { DataSource = Path.GetFullPath(options.DatabasePath) }.ToString();
        var writer = new DuckDBConnection(connectionString);
        try
        {
            await writer.OpenAsync(ct).ConfigureAwait(false);
            await CreateSchemaAsync(writer, ct).ConfigureAwait(false);
            var persisted = await LoadSeriesAsync(writer, ct).ConfigureAwait(false);
            series.Load(persisted);
            var lastId = persisted.Count == 0 ? 0 : persisted[^1].Id.Value;
            var rollups = await RollupMaintainer.StartAsync(connectionString, time, options.RollupDelay, logger, ct).ConfigureAwait(false);
            var historian = new DuckDbHistorian(options, series, time, logger, connectionString, writer, rollups, lastId);
            HistorianLog.Opened(logger, options.DatabasePath, persisted.Count);
            return historian;
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(SampleBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _batchWriter.EnqueueAsync(batch, ct);
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _batchWriter.FlushAsync(ct).ConfigureAwait(false);
        await _rollups.CatchUpAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Writes everything queued, stops the writer and closes the file. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _batchWriter.Complete();
        await _batchWriter.Completion.ConfigureAwait(false);
        await _rollups.DisposeAsync().ConfigureAwait(false);
        _readers.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
        HistorianLog.Closed(_logger, _options.DatabasePath);
    }

    private static async Task CreateSchemaAsync(DuckDBConnection connection, CancellationToken ct)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = DuckDbSql.CreateSchema;
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        using var read = connection.CreateCommand();
        read.CommandText = DuckDbSql.ReadSchemaVersion;
        var version = await read.ExecuteScalarAsync(ct).ConfigureAwait(false);
        var stored = version is null or DBNull ? 0 : Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture);
        if (stored > DuckDbSql.SchemaVersion)
        {
            throw new InvalidDataException(
                $"The history store has schema version {version}; this build reads version {DuckDbSql.SchemaVersion} and older.");
        }

        if (stored == DuckDbSql.SchemaVersion)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        using (var rollups = connection.CreateCommand())
        {
            rollups.CommandText = RollupSql.CreateTables;
            await rollups.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        if (stored > 0)
        {
            using var upgrade = connection.CreateCommand();
            upgrade.CommandText = RollupSql.MarkAllDirty;
            await upgrade.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        using (var write = connection.CreateCommand())
        {
            write.CommandText = DuckDbSql.WriteSchemaVersion;
            write.Parameters.Add(new DuckDBParameter("version", DuckDbSql.SchemaVersion));
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        transaction.Commit();
    }

    private static async Task<List<SeriesInfo>> LoadSeriesAsync(DuckDBConnection connection, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = DuckDbSql.LoadSeries;
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await HistoryReads.ReadSeriesAsync(reader, ct).ConfigureAwait(false);
    }
}
