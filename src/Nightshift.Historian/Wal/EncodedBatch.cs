using System.Buffers;

namespace Nightshift.Historian.Wal;

/// <summary>
/// A sample batch encoded as one complete log record (header and payload) before it is sequenced, with the distinct
/// series it holds (so that the log can add their definitions). Owns pooled buffers: dispose once. Not thread-safe.
/// </summary>
internal sealed class EncodedBatch : IDisposable
{
    public EncodedBatch(int capacity, int maxSeries)
    {
        Record = new WalBuffer(capacity);
        Series = ArrayPool<int>.Shared.Rent(Math.Max(maxSeries, 1));
    }

    public WalBuffer Record { get; }

    /// <summary>The distinct series ids of the batch, in the order of their groups; <see cref="SeriesCount"/> are valid.</summary>
    public int[] Series { get; private set; }

    public int SeriesCount { get; set; }

    /// <summary>The number of samples encoded.</summary>
    public int PointCount { get; set; }

    public void Dispose()
    {
        Record.Dispose();
        var series = Series;
        Series = [];
        if (series.Length > 0)
        {
            ArrayPool<int>.Shared.Return(series);
        }
    }
}
