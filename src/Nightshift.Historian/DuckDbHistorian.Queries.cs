using System.Data.Common;
using DuckDB.NET.Data;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian;

/// <summary>The reads: parameterised SQL on pooled reader connections; every read deduplicates by timestamp.</summary>
public sealed partial class DuckDbHistorian
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<Sample>> ReadRawAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var (from, to) = Range(fromUtc, toUtc);
        if (from >= to)
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
            (reader, token) => ReadSamplesAsync(reader, series, token),
            ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AggregateBucket>> ReadBucketsAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, TimeSpan bucket, CancellationToken ct)
    {
        var width = bucket.Ticks / TimeSpan.TicksPerMicrosecond;
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1L, nameof(bucket));
        var (from, to) = Range(fromUtc, toUtc);
        if (from >= to)
        {
            return [];
        }

        return await QueryAsync(
            DuckDbSql.ReadBuckets,
            command =>
            {
                AddRange(command, series, from, to);
                command.Parameters.Add(new DuckDBParameter("width", width));
            },
            ReadBucketsAsync,
            ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Sample>> ReadDecimatedAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int maxPoints, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPoints);
        var (from, to) = Range(fromUtc, toUtc);
        if (from >= to)
        {
            return [];
        }

        var count = await QueryAsync(
            DuckDbSql.CountDistinct,
            command => AddRange(command, series, from, to),
            async (reader, token) => await reader.ReadAsync(token).ConfigureAwait(false) ? reader.GetInt64(0) : 0L,
            ct).ConfigureAwait(false);
        if (count <= maxPoints)
        {
            return await ReadRawAsync(series, from, to, maxPoints, ct).ConfigureAwait(false);
        }

        var fromMicros = StorageTime.ToEpochMicroseconds(from);
        var span = StorageTime.ToEpochMicroseconds(to) - fromMicros;
        var buckets = Math.Max(1, maxPoints / 4);
        var width = Math.Max(1L, (span + buckets - 1) / buckets);
        var points = await QueryAsync(
            DuckDbSql.ReadDecimated,
            command =>
            {
                AddRange(command, series, from, to);
                command.Parameters.Add(new DuckDBParameter("from_us", fromMicros));
                command.Parameters.Add(new DuckDBParameter("width", width));
            },
            (reader, token) => ReadSamplesAsync(reader, series, token),
            ct).ConfigureAwait(false);
        return points.Count <= maxPoints ? points : KeepExtremes(points, maxPoints);
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
            (reader, token) => ReadSamplesAsync(reader, series, token),
            ct).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The exact bounds over stored (whole-microsecond) times of the half-open range [from, to).</summary>
    private static (DateTime From, DateTime To) Range(DateTime fromUtc, DateTime toUtc) =>
        (StorageTime.Ceiling(fromUtc), StorageTime.Ceiling(toUtc));

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

    private static async Task<IReadOnlyList<Sample>> ReadSamplesAsync(DbDataReader reader, SeriesId series, CancellationToken ct)
    {
        var result = new List<Sample>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(ReadSample(reader, series));
        }

        return result;
    }

    /// <summary>A row of <c>ts, value, text, quality, kind</c> as a sample.</summary>
    private static Sample ReadSample(DbDataReader reader, SeriesId series)
    {
        var timestamp = StorageTime.FromStorage(reader.GetDateTime(0));
        var quality = new Quality(reader.GetFieldValue<uint>(3));
        var value = (ValueKind)reader.GetFieldValue<byte>(4) switch
        {
            ValueKind.Double when !reader.IsDBNull(1) => SampleValue.FromDouble(reader.GetDouble(1)),
            ValueKind.Long when !reader.IsDBNull(1) => SampleValue.FromLong((long)reader.GetDouble(1)),
            ValueKind.Bool when !reader.IsDBNull(1) => SampleValue.FromBool(reader.GetDouble(1) != 0),
            ValueKind.String when !reader.IsDBNull(2) => SampleValue.FromString(reader.GetString(2)),
            _ => SampleValue.None,
        };
        return new Sample(series, timestamp, value, quality);
    }

    private static async Task<IReadOnlyList<AggregateBucket>> ReadBucketsAsync(DbDataReader reader, CancellationToken ct)
    {
        var result = new List<AggregateBucket>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(new AggregateBucket(
                StorageTime.FromEpochMicroseconds(reader.GetInt64(0)),
                reader.GetDouble(1),
                reader.GetDouble(2),
                reader.GetDouble(3),
                reader.GetDouble(4),
                reader.GetDouble(5),
                reader.GetInt64(6)));
        }

        return result;
    }

    /// <summary>
    /// Only when <c>maxPoints</c> is below 4 can one bucket's four points be too many: keep the smallest and the
    /// largest value first, then the first and the last sample, in time order.
    /// </summary>
    private static List<Sample> KeepExtremes(IReadOnlyList<Sample> points, int maxPoints)
    {
        int? min = null;
        int? max = null;
        for (var i = 0; i < points.Count; i++)
        {
            var value = points[i].Value;
            if (!value.IsNumeric || double.IsNaN(value.AsDouble()))
            {
                continue;
            }

            if (min is not { } lo || value.AsDouble() < points[lo].Value.AsDouble())
            {
                min = i;
            }

            if (max is not { } hi || value.AsDouble() > points[hi].Value.AsDouble())
            {
                max = i;
            }
        }

        var keep = new SortedSet<int>();
        foreach (var candidate in new[] { min, max, 0, points.Count - 1 })
        {
            if (keep.Count == maxPoints)
            {
                break;
            }

            if (candidate is { } index)
            {
                keep.Add(index);
            }
        }

        return keep.Select(i => points[i]).ToList();
    }
}
