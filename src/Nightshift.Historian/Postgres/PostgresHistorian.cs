using System.Globalization;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Reading;
using Nightshift.Historian.Writing;
using Npgsql;

namespace Nightshift.Historian.Postgres;

/// <summary>
/// The cluster history store: a schema in a PostgreSQL database (<see cref="PostgresHistorianOptions.Schema"/>) with the
/// series catalog and a samples table keyed by <c>(series, ts)</c>, a TimescaleDB hypertable when the extension can be
/// created, otherwise partitioned by month (partitions created ahead of the data). <see cref="WriteAsync"/> only queues;
/// a background writer merges queued batches (up to <see cref="PostgresHistorianOptions.BatchSize"/> samples or
/// <see cref="PostgresHistorianOptions.FlushInterval"/>), binary-COPYs them into a temporary staging table and upserts
/// them (the last write of a series and timestamp wins), with the series registered since the last write, in one
/// transaction. While the server is unreachable the writer retries for up to
/// <see cref="PostgresHistorianOptions.RetryLimit"/> (see there). Reads run on pooled connections. Same semantics as
/// <see cref="DuckDbHistorian"/>, checked by one compliance suite. Thread-safe. Metrics on the meter
/// <c>Nightshift.Historian</c> (tagged <c>nightshift.history.store</c> = <c>postgresql://host:port/database/schema</c>).
/// </summary>
/// <remarks>
/// The series catalog is loaded into the <see cref="SeriesRegistry"/> by <see cref="OpenAsync"/>, so open the historian
/// before series are registered: ids then stay stable across restarts. One node writes a store's catalog; nodes of a
/// cluster that share a database use a schema each.
/// </remarks>
public sealed partial class PostgresHistorian : IHistorian, IBatchWriteTarget
{
    private readonly PostgresHistorianOptions _options;
    private readonly SeriesRegistry _series;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresHistorian> _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSql _sql;
    private readonly HistorianMetrics _metrics;
    private readonly CancellationTokenSource _stopping = new();
    private readonly BatchingWriter _batchWriter;
    private int _lastPersistedSeriesId;
    private int _disposed;

    private PostgresHistorian(
        PostgresHistorianOptions options,
        SeriesRegistry series,
        TimeProvider time,
        ILogger<PostgresHistorian> logger,
        NpgsqlDataSource dataSource,
        PostgresStorageLayout layout,
        HashSet<int> partitions,
        int lastPersistedSeriesId)
    {
        _options = options;
        _series = series;
        _time = time;
        _logger = logger;
        _dataSource = dataSource;
        _sql = new PostgresSql(options.Schema);
        Layout = layout;
        Store = StoreName(dataSource, options.Schema);
        _partitions = partitions;
        _lastPersistedSeriesId = lastPersistedSeriesId;
        _metrics = new HistorianMetrics(Store);
        _batchWriter = new BatchingWriter(
            this, options.BatchSize, options.FlushInterval, options.ChannelCapacity, time, _metrics, nameof(PostgresHistorian));
    }

    /// <summary>How the samples table is kept: a TimescaleDB hypertable or monthly partitions.</summary>
    public PostgresStorageLayout Layout { get; }

    /// <summary>Where the store lives, for logs and metrics: <c>postgresql://host:port/database/schema</c> (no credentials).</summary>
    public string Store { get; }

    /// <summary>
    /// Connects, creates the schema and tables when missing (a hypertable when TimescaleDB can be created, else a table
    /// partitioned by month), creates the partitions of the current month and of
    /// <see cref="PostgresHistorianOptions.PartitionsAhead"/> months after it, loads the persisted series catalog into
    /// <paramref name="series"/> and starts the writer.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range, or the connection string is invalid.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached, or refuses the login or the schema.</exception>
    /// <exception cref="InvalidDataException">The store was written by a newer schema, or its catalog is corrupt.</exception>
    public static async Task<PostgresHistorian> OpenAsync(
        PostgresHistorianOptions options,
        SeriesRegistry series,
        TimeProvider time,
        ILogger<PostgresHistorian> logger,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();

        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
        {
            builder.ConnectionStringBuilder.ApplicationName = "nightshift-historian";
        }

        var dataSource = builder.Build();
        try
        {
            var sql = new PostgresSql(options.Schema);
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            var layout = await CreateSchemaAsync(connection, sql, options.UseTimescaleDb, logger, ct).ConfigureAwait(false);
            var persisted = await LoadSeriesAsync(connection, sql, ct).ConfigureAwait(false);
            var partitions = layout == PostgresStorageLayout.MonthlyPartitions
                ? await LoadPartitionsAsync(connection, sql, ct).ConfigureAwait(false)
                : [];
            if (layout == PostgresStorageLayout.MonthlyPartitions)
            {
                await CreatePartitionsAsync(connection, sql, partitions, MonthsAhead(time, options.PartitionsAhead), logger, ct).ConfigureAwait(false);
            }

            series.Load(persisted);
            var lastId = persisted.Count == 0 ? 0 : persisted[^1].Id.Value;
            var historian = new PostgresHistorian(options, series, time, logger, dataSource, layout, partitions, lastId);
            PostgresHistorianLog.Opened(logger, historian.Store, layout, persisted.Count);
            return historian;
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
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
    /// <exception cref="IOException">
    /// A batch queued since the previous flush could not be written: the server stayed unreachable for longer than
    /// <see cref="PostgresHistorianOptions.RetryLimit"/>, or it refused the data (logged and counted).
    /// </exception>
    public async Task FlushAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _batchWriter.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes everything queued (retrying for up to <see cref="PostgresHistorianOptions.RetryLimit"/> while the server is
    /// unreachable), stops the writer and closes the connections. Safe to call more than once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _batchWriter.Complete();
        try
        {
            // The writer gives up on an unreachable server after the retry limit; this is the guard behind it.
            await _batchWriter.Completion.WaitAsync(_options.RetryLimit + TimeSpan.FromSeconds(30), _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _batchWriter.Completion.ConfigureAwait(false);
        }

        await CloseWriterConnectionAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _metrics.Dispose();
        PostgresHistorianLog.Closed(_logger, Store);
    }

    private static string StoreName(NpgsqlDataSource dataSource, string schema)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return string.Create(CultureInfo.InvariantCulture, $"postgresql://{settings.Host}:{settings.Port}/{settings.Database ?? settings.Username}/{schema}");
    }

    /// <summary>
    /// Creates what is missing under an advisory lock (two nodes opening one new store at once do not collide) and
    /// returns the store's layout: the recorded one for an existing store, else the one just created.
    /// </summary>
    private static async Task<PostgresStorageLayout> CreateSchemaAsync(
        NpgsqlConnection connection,
        PostgresSql sql,
        bool useTimescaleDb,
        ILogger logger,
        CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(connection, sql.Lock, ct).ConfigureAwait(false);
        await ExecuteAsync(connection, sql.CreateBase, ct).ConfigureAwait(false);
        int? version = null;
        string? recorded = null;
        await using (var read = new NpgsqlCommand(sql.ReadSchemaInfo, connection))
        await using (var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                version = reader.GetInt32(0);
                recorded = reader.GetString(1);
            }
        }

        PostgresStorageLayout layout;
        if (version is { } existing)
        {
            if (existing > PostgresSql.SchemaVersion)
            {
                throw new InvalidDataException(
                    $"The history store in schema {sql.Schema} has schema version {existing}; this build reads version {PostgresSql.SchemaVersion} and older.");
            }

            if (!Enum.TryParse(recorded, ignoreCase: false, out layout) || !Enum.IsDefined(layout))
            {
                throw new InvalidDataException($"The history store in schema {sql.Schema} records an unknown layout '{recorded}'.");
            }
        }
        else
        {
            layout = useTimescaleDb && await TryCreateTimescaleAsync(connection, transaction, logger, ct).ConfigureAwait(false)
                ? PostgresStorageLayout.Hypertable
                : PostgresStorageLayout.MonthlyPartitions;
            await ExecuteAsync(connection, layout == PostgresStorageLayout.Hypertable ? sql.CreateHypertable : sql.CreatePartitioned, ct).ConfigureAwait(false);
            await using var write = new NpgsqlCommand(sql.WriteSchemaInfo, connection);
            write.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PostgresSql.SchemaVersion });
            write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = layout.ToString() });
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return layout;
    }

    /// <summary>Tries <c>CREATE EXTENSION IF NOT EXISTS timescaledb</c> inside a savepoint, so that a refusal leaves the transaction usable.</summary>
    private static async Task<bool> TryCreateTimescaleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ILogger logger, CancellationToken ct)
    {
        await transaction.SaveAsync("timescale", ct).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, PostgresSql.CreateTimescale, ct).ConfigureAwait(false);
            await transaction.ReleaseAsync("timescale", ct).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException ex)
        {
            await transaction.RollbackAsync("timescale", ct).ConfigureAwait(false);
            PostgresHistorianLog.TimescaleUnavailable(logger, ex.MessageText);
            return false;
        }
    }

    private static async Task<List<SeriesInfo>> LoadSeriesAsync(NpgsqlConnection connection, PostgresSql sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql.LoadSeries, connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await HistoryReads.ReadSeriesAsync(reader, ct).ConfigureAwait(false);
    }

    /// <summary>The months (year × 12 + month − 1) that have a partition already.</summary>
    private static async Task<HashSet<int>> LoadPartitionsAsync(NpgsqlConnection connection, PostgresSql sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql.ListPartitions, connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var result = new HashSet<int>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            if (name.Length == "samples_p".Length + 6
                && name.StartsWith("samples_p", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(9, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                && int.TryParse(name.AsSpan(13, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month))
            {
                result.Add((year * 12) + month - 1);
            }
        }

        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
