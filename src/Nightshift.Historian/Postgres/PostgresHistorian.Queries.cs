using System.Data.Common;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Reading;
using Npgsql;

namespace Nightshift.Historian.Postgres;

/// <summary>The reads: parameterised SQL on pooled connections (the primary key keeps one row per timestamp).</summary>
public sealed partial class PostgresHistorian
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
            _sql.ReadRaw,
            parameters =>
            {
                AddRange(parameters, series, from, to);
                parameters.Add(new NpgsqlParameter<long> { TypedValue = limit });
            },
            (reader, token) => HistoryReads.ReadSamplesAsync(reader, series, ReadSample, token),
            ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AggregateBucket>> ReadBucketsAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, TimeSpan bucket, CancellationToken ct)
    {
        var width = HistoryReads.BucketWidth(bucket);
        if (!HistoryReads.TryRange(fromUtc, toUtc, out var from, out var to))
        {
            return [];
        }

        return await QueryAsync(
            _sql.ReadBuckets,
            parameters =>
            {
                AddRange(parameters, series, from, to);
                parameters.Add(new NpgsqlParameter<long> { TypedValue = width });
            },
            HistoryReads.ReadBucketsAsync,
            ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Sample>> ReadDecimatedAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int maxPoints, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPoints);
        if (!HistoryReads.TryRange(fromUtc, toUtc, out var from, out var to))
        {
            return [];
        }

        var count = await QueryAsync(
            _sql.CountUpTo,
            parameters =>
            {
                AddRange(parameters, series, from, to);
                parameters.Add(new NpgsqlParameter<long> { TypedValue = maxPoints + 1L });
            },
            HistoryReads.ReadCountAsync,
            ct).ConfigureAwait(false);
        if (count <= maxPoints)
        {
            return await ReadRawAsync(series, from, to, maxPoints, ct).ConfigureAwait(false);
        }

        var width = HistoryReads.DecimationWidth(from, to, maxPoints, out var fromMicros);
        var points = await QueryAsync(
            _sql.ReadDecimated,
            parameters =>
            {
                AddRange(parameters, series, from, to);
                parameters.Add(new NpgsqlParameter<long> { TypedValue = fromMicros });
                parameters.Add(new NpgsqlParameter<long> { TypedValue = width });
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
            _sql.ReadLatest,
            parameters =>
            {
                parameters.Add(new NpgsqlParameter<int> { TypedValue = series.Value });
                parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = at });
            },
            (reader, token) => HistoryReads.ReadSamplesAsync(reader, series, ReadSample, token),
            ct).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private static void AddRange(NpgsqlParameterCollection parameters, SeriesId series, DateTime from, DateTime to)
    {
        parameters.Add(new NpgsqlParameter<int> { TypedValue = series.Value });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = from });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = to });
    }

    /// <summary>
    /// Runs one query on a pooled connection. A pooled connection that the server closed (it restarted) fails its first
    /// use: then the pool is cleared and the query runs once more on a fresh connection. Cancellation cancels the query
    /// on the server.
    /// </summary>
    private async Task<T> QueryAsync<T>(
        string sql,
        Action<NpgsqlParameterCollection> bind,
        Func<DbDataReader, CancellationToken, Task<T>> read,
        CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                await using var command = new NpgsqlCommand(sql, connection);
                bind(command.Parameters);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await read(reader, ct).ConfigureAwait(false);
            }
            catch (NpgsqlException ex) when (attempt == 0 && !ct.IsCancellationRequested && PostgresErrors.IsTransient(ex))
            {
                _dataSource.Clear();
            }
        }
    }

    /// <summary>A row of <c>ts, value, text, quality, kind</c> as a sample.</summary>
    private static Sample ReadSample(DbDataReader reader, SeriesId series)
    {
        var timestamp = DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(0), DateTimeKind.Utc);
        var quality = new Quality((uint)reader.GetInt64(3));
        var value = HistoryReads.ReadValue(reader, (ValueKind)reader.GetInt16(4));
        return new Sample(series, timestamp, value, quality);
    }
}
