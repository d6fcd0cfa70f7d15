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
    /// Queues a batch for writing. An engine returns when queued (bounded channel: waits when full = back-pressure)
    /// and never blocks on disk. The node's historian (HistorianHost, through <see cref="Wal.DurableHistoryWriter"/>)
    /// returns only once the batch is in the write-ahead log on disk, then queued: a completed write there survives a
    /// crash, and only then may a point be acknowledged to its sender.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The historian was disposed.</exception>
    /// <exception cref="IOException">A durable implementation could not write its log.</exception>
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

    /// <summary>
    /// Aggregates per rollup interval (pre-computed rollups where they exist, computed from raw otherwise): every
    /// bucket that overlaps <c>[fromUtc, toUtc)</c>, whole, oldest first; buckets without numeric samples are left out.
    /// <see cref="RollupInterval.Minute"/> and <see cref="RollupInterval.Hour"/> buckets are aligned in UTC,
    /// <see cref="RollupInterval.Day"/> buckets start at local midnight in <paramref name="zone"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is not a defined value.</exception>
    Task<IReadOnlyList<RollupBucket>> ReadRollupAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, RollupInterval interval, TimeZoneInfo zone, CancellationToken ct);

    /// <summary>
    /// Several series on one time axis: steps <c>fromUtc, fromUtc + interval, …</c> &lt; <paramref name="toUtc"/>; one
    /// value array per series, aligned to <see cref="AlignedSeries.Times"/> (see <see cref="AlignMode"/>). An empty or
    /// reversed range gives no steps.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="interval"/> is shorter than one microsecond, the range holds more than <see cref="AlignedSeries.MaxSteps"/>
    /// steps, or <paramref name="mode"/> is not a defined value.
    /// </exception>
    Task<AlignedSeries> ReadAlignedAsync(IReadOnlyList<SeriesId> series, DateTime fromUtc, DateTime toUtc, TimeSpan interval, AlignMode mode, CancellationToken ct);
}
