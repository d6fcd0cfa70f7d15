using System.Data.Common;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Reading;

/// <summary>
/// The argument checks and the shaping of query results that both history engines share, so that they answer alike:
/// range bounds, decimation buckets, rows to samples and buckets, the series catalog, aligned time axes. Stateless and
/// thread-safe.
/// </summary>
internal static class HistoryReads
{
    /// <summary>The exact bounds over stored (whole-microsecond) times of the half-open range [from, to).</summary>
    public static (DateTime From, DateTime To) Range(DateTime fromUtc, DateTime toUtc) =>
        (StorageTime.Ceiling(fromUtc), StorageTime.Ceiling(toUtc));

    /// <summary>
    /// The bounds of <see cref="Range"/> in <paramref name="from"/> and <paramref name="to"/>; false when the range is
    /// empty or reversed (every read then returns nothing).
    /// </summary>
    public static bool TryRange(DateTime fromUtc, DateTime toUtc, out DateTime from, out DateTime to)
    {
        (from, to) = Range(fromUtc, toUtc);
        return from < to;
    }

    /// <summary>The width of aggregate buckets in whole microseconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bucket"/> is shorter than a microsecond.</exception>
    public static long BucketWidth(TimeSpan bucket)
    {
        var width = bucket.Ticks / TimeSpan.TicksPerMicrosecond;
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1L, nameof(bucket));
        return width;
    }

    /// <summary>The decimated points as they are when they are no more than <paramref name="maxPoints"/>, else <see cref="KeepExtremes"/>.</summary>
    public static IReadOnlyList<Sample> WithinMaxPoints(IReadOnlyList<Sample> points, int maxPoints) =>
        points.Count <= maxPoints ? points : KeepExtremes(points, maxPoints);

    /// <summary>
    /// The width in microseconds of the decimation buckets over [<paramref name="from"/>, <paramref name="to"/>):
    /// a quarter of <paramref name="maxPoints"/> buckets (at least one), each keeping up to four points; in
    /// <paramref name="fromMicros"/> the start of the first bucket, in microseconds since the Unix epoch.
    /// </summary>
    public static long DecimationWidth(DateTime from, DateTime to, int maxPoints, out long fromMicros)
    {
        fromMicros = StorageTime.ToEpochMicroseconds(from);
        var span = StorageTime.ToEpochMicroseconds(to) - fromMicros;
        var buckets = Math.Max(1, maxPoints / 4);
        return Math.Max(1L, (span + buckets - 1) / buckets);
    }

    /// <summary>The one <c>bigint</c> of a count query, 0 when it returns no row.</summary>
    public static async Task<long> ReadCountAsync(DbDataReader reader, CancellationToken ct) =>
        await reader.ReadAsync(ct).ConfigureAwait(false) ? reader.GetInt64(0) : 0L;

    /// <summary>
    /// The value of a row of <c>ts, value, text, quality, kind</c> of <paramref name="kind"/>: numbers (double, long,
    /// bool as 0/1) in column 1, strings in column 2, none when the column is null or the kind is unknown.
    /// </summary>
    public static SampleValue ReadValue(DbDataReader reader, ValueKind kind) => kind switch
    {
        ValueKind.Double when !reader.IsDBNull(1) => SampleValue.FromDouble(reader.GetDouble(1)),
        ValueKind.Long when !reader.IsDBNull(1) => SampleValue.FromLong((long)reader.GetDouble(1)),
        ValueKind.Bool when !reader.IsDBNull(1) => SampleValue.FromBool(reader.GetDouble(1) != 0),
        ValueKind.String when !reader.IsDBNull(2) => SampleValue.FromString(reader.GetString(2)),
        _ => SampleValue.None,
    };

    /// <summary>Every row as a sample of <paramref name="series"/>, read by the engine's <paramref name="readSample"/>.</summary>
    public static async Task<IReadOnlyList<Sample>> ReadSamplesAsync(
        DbDataReader reader,
        SeriesId series,
        Func<DbDataReader, SeriesId, Sample> readSample,
        CancellationToken ct)
    {
        var result = new List<Sample>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(readSample(reader, series));
        }

        return result;
    }

    /// <summary>Rows of <c>bucket_us, min, max, avg, first, last, count</c> as buckets.</summary>
    public static async Task<IReadOnlyList<AggregateBucket>> ReadBucketsAsync(DbDataReader reader, CancellationToken ct)
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

    /// <summary>Rows of <c>id, tenant, path</c> as the series catalog, in the order read.</summary>
    /// <exception cref="InvalidDataException">A stored path is not a valid tag path.</exception>
    public static async Task<List<SeriesInfo>> ReadSeriesAsync(DbDataReader reader, CancellationToken ct)
    {
        var result = new List<SeriesInfo>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var id = reader.GetInt32(0);
            var tenant = reader.GetString(1);
            var text = reader.GetString(2);
            if (!TagPath.TryParse(text, out var path, out var error))
            {
                throw new InvalidDataException($"Series {id} of tenant '{tenant}' has an invalid path in the history store: {error}");
            }

            result.Add(new SeriesInfo(new SeriesId(id), tenant, path));
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

    /// <summary>The steps of an aligned read; validates the arguments every engine validates the same way.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mode is unknown, the interval is under a microsecond, or the range holds more than <see cref="AlignedSeries.MaxSteps"/> steps.</exception>
    public static List<DateTime> AlignedTimes(DateTime fromUtc, DateTime toUtc, TimeSpan interval, AlignMode mode, out DateTime from, out long stepMicros)
    {
        if (mode is not (AlignMode.Previous or AlignMode.Average))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "not an align mode");
        }

        stepMicros = interval.Ticks / TimeSpan.TicksPerMicrosecond;
        ArgumentOutOfRangeException.ThrowIfLessThan(stepMicros, 1L, nameof(interval));
        var step = stepMicros * TimeSpan.TicksPerMicrosecond;
        (from, var to) = Range(fromUtc, toUtc);
        var times = new List<DateTime>();
        if (from >= to)
        {
            return times;
        }

        var steps = ((to.Ticks - from.Ticks) + step - 1) / step;
        if (steps > AlignedSeries.MaxSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, $"the range holds {steps} steps of this interval; at most {AlignedSeries.MaxSteps} are allowed");
        }

        for (var i = 0L; i < steps; i++)
        {
            times.Add(from.AddTicks(i * step));
        }

        return times;
    }
}
