using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian;

/// <summary>
/// Time-series storage of samples. Writes are queued and written in batches off the caller's path; reads see
/// what has been written (use <see cref="FlushAsync"/> to wait for queued data). Time ranges are half-open,
/// <c>[fromUtc, toUtc)</c>, in UTC; timestamps are kept to the microsecond. When the same series and timestamp is
/// written twice, reads return the value written last. Implementations are thread-safe.
/// </summary>
public interface IHistorian : IAsyncDisposable
{
    /// <summary>
    /// Queues a batch for writing; returns when queued (bounded channel: waits when full = back-pressure).
    /// Never blocks on disk.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The historian was disposed.</exception>
    ValueTask WriteAsync(SampleBatch batch, CancellationToken ct);

    /// <summary>Completes when everything queued before the call is on disk.</summary>
    /// <exception cref="IOException">A batch queued since the previous flush could not be written (it was logged and counted).</exception>
    /// <exception cref="ObjectDisposedException">The historian was disposed.</exception>
    Task FlushAsync(CancellationToken ct);

    /// <summary>The samples of a series in <c>[fromUtc, toUtc)</c>, oldest first, at most <paramref name="limit"/> of them.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    Task<IReadOnlyList<Sample>> ReadRawAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int limit, CancellationToken ct);

    /// <summary>
    /// Aggregates of the numeric samples (double, long, bool; not Bad quality, not NaN) of a series in
    /// <c>[fromUtc, toUtc)</c>, per bucket of width <paramref name="bucket"/> aligned to the Unix epoch, oldest first.
    /// Buckets without numeric samples are left out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bucket"/> is shorter than one microsecond.</exception>
    Task<IReadOnlyList<AggregateBucket>> ReadBucketsAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, TimeSpan bucket, CancellationToken ct);

    /// <summary>
    /// For trends: at most <paramref name="maxPoints"/> samples that keep the extremes: split <c>[fromUtc, toUtc)</c>
    /// into <c>maxPoints / 4</c> (at least 1) equal time buckets; per bucket return the first, min, max and last sample
    /// (deduplicated, time-ordered); a range with no more raw points than <paramref name="maxPoints"/> returns raw points.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPoints"/> is not positive.</exception>
    Task<IReadOnlyList<Sample>> ReadDecimatedAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int maxPoints, CancellationToken ct);

    /// <summary>The last sample at or before the time, or null.</summary>
    Task<Sample?> ReadLatestAsync(SeriesId series, DateTime atOrBeforeUtc, CancellationToken ct);
}
