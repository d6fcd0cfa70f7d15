using System.Data.Common;
using DuckDB.NET.Data;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Reading;

namespace Nightshift.Historian;

/// <summary>The reads: parameterised SQL on pooled reader connections; every read deduplicates by timestamp.</summary>
public sealed partial class DuckDbHistorian
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<Sample>> ReadRawAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (!HistoryReads.TryRange(fromUtc, toUtc, out var from, out var to))
        {
            return [];
        }

        return await QueryAsync(
            DuckDbSql.ReadRaw,
            command =>
            {
                AddRange(command, series, from, to);
                command.Parameters.Add(new DuckDBParameter("limit", (long)limit));
            },
            (reader, token) => HistoryReads.ReadSamplesAsync(reader, series, ReadSample, token),
            ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A width of whole minutes (hours) over a range whose ends are on whole minutes (hours) is served by the 1-minute (1-hour) rollups.</remarks>
    public async Task<IReadOnlyList<AggregateBucket>> ReadBucketsAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, TimeSpan bucket, CancellationToken ct)
    {
        var width = HistoryReads.BucketWidth(bucket);
        if (!HistoryReads.TryRange(fromUtc, toUtc, out var from, out var to))
        {
            return [];
        }

        var table = BucketTable(width, from, to);
        return await QueryAsync(
            table is null ? DuckDbSql.ReadBuckets : Rollups.RollupSql.ReadBuckets(table),
            command =>
            {
                AddRange(command, series, from, to);
                command.Parameters.Add(new DuckDBParameter("width", width));
            },
            HistoryReads.ReadBucketsAsync,
            ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A range of more minutes than <paramref name="maxPoints"/> that holds more numeric samples than that is served by
    /// the rollups: the first, min, max and last of whole hours (or minutes) and the raw samples of the partial minutes at
    /// the ends; such a trend holds numeric values only, as doubles of Good quality.
    /// </remarks>
    public async Task<IReadOnlyList<Sample>> ReadDecimatedAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int maxPoints, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPoints);
        if (!HistoryReads.TryRange(fromUtc, toUtc, out var from, out var to))
        {
            return [];
        }

        if ((to - from).Ticks / TimeSpan.TicksPerMinute > maxPoints
            && await ReadDecimatedFromRollupsAsync(series, from, to, maxPoints, ct).ConfigureAwait(false) is { } fromRollups)
        {
            return fromRollups;
        }

        var count = await QueryAsync(
            DuckDbSql.CountDistinct,
            command => AddRange(command, series, from, to),
            HistoryReads.ReadCountAsync,
            ct).ConfigureAwait(false);
        if (count <= maxPoints)
        {
            return await ReadRawAsync(series, from, to, maxPoints, ct).ConfigureAwait(false);
        }

        var width = HistoryReads.DecimationWidth(from, to, maxPoints, out var fromMicros);
        var points = await QueryAsync(
            DuckDbSql.ReadDecimated,
            command =>
            {
                AddRange(command, series, from, to);
                command.Parameters.Add(new DuckDBParameter("from_us", fromMicros));
                command.Parameters.Add(new DuckDBParameter("width", width));
            },
            (reader, token) => HistoryReads.ReadSamplesAsync(reader, series, ReadSample, token),
            ct).ConfigureAwait(false);
        return HistoryReads.WithinMaxPoints(points, maxPoints);
    }

    /// <inheritdoc />
    public async Task<Sample?> ReadLatestAsync(SeriesId series, DateTime atOrBeforeUtc, CancellationToken ct)
    {
        var at = StorageTime.Floor(atOrBeforeUtc);
        var found = await QueryAsync(
            DuckDbSql.ReadLatest,
            command =>
            {
                command.Parameters.Add(new DuckDBParameter("series", series.Value));
                command.Parameters.Add(new DuckDBParameter("at", at));
            },
            (reader, token) => HistoryReads.ReadSamplesAsync(reader, series, ReadSample, token),
            ct).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private static void AddRange(DuckDBCommand command, SeriesId series, DateTime from, DateTime to)
    {
        command.Parameters.Add(new DuckDBParameter("series", series.Value));
        command.Parameters.Add(new DuckDBParameter("from", from));
        command.Parameters.Add(new DuckDBParameter("to", to));
    }

    /// <summary>
    /// Runs one query on a pooled connection. Cancellation interrupts the running query.
    /// </summary>
    private async Task<T> QueryAsync<T>(
        string sql,
        Action<DuckDBCommand> bind,
        Func<DbDataReader, CancellationToken, Task<T>> read,
        CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ct.ThrowIfCancellationRequested();
        var connection = _readers.Rent();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            using var interrupt = ct.Register(static state => ((DuckDBCommand)state!).Cancel(), command);
            try
            {
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await read(reader, ct).ConfigureAwait(false);
            }
            catch (DuckDBException ex) when (ct.IsCancellationRequested)
            {
                throw new OperationCanceledException("The history query was cancelled.", ex, ct);
            }
        }
        finally
        {
            // An interrupted connection is not reused: its interrupt must not leak into the next query.
            if (ct.IsCancellationRequested)
            {
                connection.Dispose();
            }
            else
            {
                _readers.Return(connection);
            }
        }
    }

    /// <summary>A row of <c>ts, value, text, quality, kind</c> as a sample.</summary>
    private static Sample ReadSample(DbDataReader reader, SeriesId series)
    {
        var timestamp = StorageTime.FromStorage(reader.GetDateTime(0));
        var quality = new Quality(reader.GetFieldValue<uint>(3));
        var value = HistoryReads.ReadValue(reader, (ValueKind)reader.GetFieldValue<byte>(4));
        return new Sample(series, timestamp, value, quality);
    }
}
