using System.Data;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Nightshift.Historian.Postgres;

/// <summary>
/// The write of one round of the shared <see cref="BatchingWriter"/>: the batches COPYed into the staging table and
/// upserted in one transaction; retries while the server is unreachable.
/// </summary>
public sealed partial class PostgresHistorian
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetryDelay = TimeSpan.FromSeconds(2);

    private readonly List<int> _newMonths = [];
    private readonly HashSet<int> _partitions;
    private NpgsqlConnection? _writer;
    private bool _unreachable;

    /// <inheritdoc />
    string IBatchWriteTarget.FailureDestination => " to " + Store;

    /// <inheritdoc />
    bool IBatchWriteTarget.HasNewSeries => _series.Since(_lastPersistedSeriesId).Count > 0;

    /// <inheritdoc />
    /// <remarks>Retries while the server is unreachable (see <see cref="WithRetryAsync"/>).</remarks>
    ValueTask IBatchWriteTarget.WriteAsync(IReadOnlyList<SampleBatch> batches) =>
        new(WithRetryAsync((connection, ct) => WriteTransactionAsync(connection, batches, ct)));

    /// <inheritdoc />
    bool IBatchWriteTarget.LosesRound(Exception exception) => IsUnreachable(exception);

    /// <inheritdoc />
    void IBatchWriteTarget.LogMergedWriteFailed(Exception exception, int batchCount, int pointCount) =>
        PostgresHistorianLog.MergedWriteFailed(_logger, exception, batchCount, pointCount);

    /// <inheritdoc />
    void IBatchWriteTarget.LogWriteFailed(Exception exception, int pointCount, string tenant) =>
        PostgresHistorianLog.WriteFailed(_logger, exception, pointCount, tenant);

    /// <inheritdoc />
    void IBatchWriteTarget.LogSeriesWriteFailed(Exception exception) => PostgresHistorianLog.SeriesWriteFailed(_logger, exception);

    /// <inheritdoc />
    void IBatchWriteTarget.LogWriterCrashed(Exception exception) => PostgresHistorianLog.WriterCrashed(_logger, exception);

    private static bool IsUnreachable(Exception exception) => exception is IOException or OperationCanceledException;

    /// <summary>
    /// Runs one write on the writer connection. A failure of the server or the connection closes the connection and
    /// retries with a growing delay, until <see cref="PostgresHistorianOptions.RetryLimit"/> has passed since the first
    /// attempt (or at once while the server is known to be unreachable): then it throws <see cref="IOException"/>.
    /// Any other failure closes the connection (its state is unknown) and is thrown as it is.
    /// </summary>
    private async Task WithRetryAsync(Func<NpgsqlConnection, CancellationToken, Task> write)
    {
        var ct = _stopping.Token;
        var started = _time.GetTimestamp();
        var delay = FirstRetryDelay;
        var warned = false;
        while (true)
        {
            try
            {
                var connection = await WriterConnectionAsync(ct).ConfigureAwait(false);
                await write(connection, ct).ConfigureAwait(false);
                if (warned || _unreachable)
                {
                    _unreachable = false;
                    PostgresHistorianLog.Reachable(_logger, Store);
                }

                return;
            }
            catch (Exception ex) when (PostgresErrors.IsTransient(ex) && !ct.IsCancellationRequested)
            {
                await CloseWriterConnectionAsync().ConfigureAwait(false);
                _dataSource.Clear();
                if (_unreachable || _time.GetElapsedTime(started) >= _options.RetryLimit)
                {
                    _unreachable = true;
                    throw new IOException($"PostgreSQL at {Store} stayed unreachable for longer than the retry limit of {_options.RetryLimit}: {ex.Message}", ex);
                }

                if (!warned)
                {
                    warned = true;
                    PostgresHistorianLog.Unreachable(_logger, Store, ex.Message, _options.RetryLimit);
                }

                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                delay = delay * 2 < LastRetryDelay ? delay * 2 : LastRetryDelay;
            }
            catch
            {
                await CloseWriterConnectionAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>The writer's own connection (it holds the temporary staging table), opened when missing or broken.</summary>
    private async Task<NpgsqlConnection> WriterConnectionAsync(CancellationToken ct)
    {
        if (_writer is { State: ConnectionState.Open } open)
        {
            return open;
        }

        await CloseWriterConnectionAsync().ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, PostgresSql.CreateStaging, ct).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _writer = connection;
        return connection;
    }

    private async Task CloseWriterConnectionAsync()
    {
        if (_writer is { } connection)
        {
            _writer = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One write: the partitions the samples need (each in its own statement, before the transaction), then in one
    /// transaction the series registered since the last write, the samples COPYed into the staging table in queue order
    /// (<c>seq</c>), and the upsert that keeps, per series and timestamp, the last of them.
    /// </summary>
    private async Task WriteTransactionAsync(NpgsqlConnection connection, IReadOnlyList<SampleBatch> batches, CancellationToken ct)
    {
        var total = 0;
        foreach (var batch in batches)
        {
            total += batch.Count;
        }

        if (Layout == PostgresStorageLayout.MonthlyPartitions)
        {
            CollectNewMonths(batches);
            await CreatePartitionsAsync(connection, _sql, _partitions, _newMonths, _logger, ct).ConfigureAwait(false);
        }

        var newSeries = _series.Since(_lastPersistedSeriesId);
        await using (var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            if (newSeries.Count > 0)
            {
                await PersistSeriesAsync(connection, newSeries, ct).ConfigureAwait(false);
            }

            if (total > 0)
            {
                await CopyAsync(connection, batches, ct).ConfigureAwait(false);
                await ExecuteAsync(connection, _sql.Upsert, ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }

        if (newSeries.Count > 0)
        {
            _lastPersistedSeriesId = newSeries[^1].Id.Value;
        }

        if (total > 0)
        {
            _metrics.PointsWritten.Add(total);
            _metrics.BatchSize.Record(total);
        }
    }

    private async Task PersistSeriesAsync(NpgsqlConnection connection, IReadOnlyList<SeriesInfo> series, CancellationToken ct)
    {
        var ids = new int[series.Count];
        var tenants = new string[series.Count];
        var paths = new string[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            ids[i] = series[i].Id.Value;
            tenants[i] = series[i].Tenant;
            paths[i] = series[i].Path.ToString();
        }

        await using var command = new NpgsqlCommand(_sql.InsertSeries, connection);
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tenants });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = paths });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// One row per sample: numbers (double, long, bool as 0/1) in <c>value</c>, strings in <c>text</c>, neither for a
    /// quality-only sample.
    /// </summary>
    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<SampleBatch> batches, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(PostgresSql.CopyStaging, ct).ConfigureAwait(false);
        var seq = 0;
        foreach (var batch in batches)
        {
            var samples = batch.Samples;
            for (var i = 0; i < samples.Count; i++)
            {
                var sample = samples[i];
                await importer.StartRowAsync(ct).ConfigureAwait(false);
                await importer.WriteAsync(seq++, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await importer.WriteAsync(sample.Series.Value, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await importer.WriteAsync(StorageTime.Floor(sample.Timestamp), NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
                switch (sample.Value.Kind)
                {
                    case ValueKind.Double or ValueKind.Long or ValueKind.Bool:
                        await importer.WriteAsync(sample.Value.AsDouble(), NpgsqlDbType.Double, ct).ConfigureAwait(false);
                        await importer.WriteNullAsync(ct).ConfigureAwait(false);
                        break;
                    case ValueKind.String:
                        await importer.WriteNullAsync(ct).ConfigureAwait(false);
                        await importer.WriteAsync(sample.Value.AsString()!, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                        break;
                    default:
                        await importer.WriteNullAsync(ct).ConfigureAwait(false);
                        await importer.WriteNullAsync(ct).ConfigureAwait(false);
                        break;
                }

                await importer.WriteAsync((long)sample.Quality.Code, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await importer.WriteAsync((short)sample.Value.Kind, NpgsqlDbType.Smallint, ct).ConfigureAwait(false);
            }
        }

        await importer.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Fills <see cref="_newMonths"/> with the months of the samples (and of the partitions kept ahead) that have no
    /// partition yet. Samples mostly fall in one month, so each is checked against the bounds of the last month seen.
    /// </summary>
    private void CollectNewMonths(IReadOnlyList<SampleBatch> batches)
    {
        _newMonths.Clear();
        foreach (var month in MonthsAhead(_time, _options.PartitionsAhead))
        {
            AddIfNew(month);
        }

        var low = long.MaxValue;
        var high = long.MinValue;
        foreach (var batch in batches)
        {
            var samples = batch.Samples;
            for (var i = 0; i < samples.Count; i++)
            {
                var ticks = StorageTime.Floor(samples[i].Timestamp).Ticks;
                if (ticks >= low && ticks < high)
                {
                    continue;
                }

                var start = new DateTime(ticks, DateTimeKind.Utc);
                start = new DateTime(start.Year, start.Month, 1, 0, 0, 0, DateTimeKind.Utc);
                low = start.Ticks;
                high = start.Year == 9999 && start.Month == 12 ? long.MaxValue : start.AddMonths(1).Ticks;
                AddIfNew(MonthOf(start));
            }
        }

        void AddIfNew(int month)
        {
            if (!_partitions.Contains(month) && !_newMonths.Contains(month))
            {
                _newMonths.Add(month);
            }
        }
    }

    private static int MonthOf(DateTime time) => (time.Year * 12) + time.Month - 1;

    /// <summary>The current month (UTC, by <paramref name="time"/>) and the <paramref name="ahead"/> months after it.</summary>
    private static IEnumerable<int> MonthsAhead(TimeProvider time, int ahead)
    {
        var now = MonthOf(time.GetUtcNow().UtcDateTime);
        var last = Math.Min(now + ahead, MonthOf(DateTime.MaxValue));
        for (var month = now; month <= last; month++)
        {
            yield return month;
        }
    }

    /// <summary>Creates the partitions of <paramref name="months"/> that are not in <paramref name="existing"/> and adds them to it.</summary>
    private static async Task CreatePartitionsAsync(
        NpgsqlConnection connection,
        PostgresSql sql,
        HashSet<int> existing,
        IEnumerable<int> months,
        ILogger logger,
        CancellationToken ct)
    {
        foreach (var month in months)
        {
            if (existing.Contains(month))
            {
                continue;
            }

            try
            {
                await ExecuteAsync(connection, sql.CreatePartition(month), ct).ConfigureAwait(false);
                PostgresHistorianLog.PartitionCreated(logger, month / 12, (month % 12) + 1);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
            {
                // Another node created it in the same moment.
            }

            existing.Add(month);
        }
    }
}
