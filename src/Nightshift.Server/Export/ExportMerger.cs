using System.Buffers;
using System.Runtime.CompilerServices;
using Nightshift.Core.Samples;

namespace Nightshift.Server.Export;

/// <summary>
/// Merges the samples of several series into one time-ordered stream of <see cref="ExportRow"/>s, reading each series a
/// page at a time through an <see cref="ExportPageReader"/>: at most one page per series is held in memory, whatever the
/// range. Rows with the same timestamp come in the order of the tags. The rows are handed out in chunks that share one
/// pooled buffer: a chunk is valid until the enumeration moves on. Not thread-safe; one enumeration per instance.
/// </summary>
/// <remarks>
/// Design: a k-way merge over a binary heap keyed by (timestamp ticks, tag index); popping the smallest costs O(log k)
/// and allocates nothing per sample. A series whose page runs out is refilled before it competes again, so the order
/// holds across page boundaries.
/// </remarks>
public sealed class ExportMerger
{
    private readonly IReadOnlyList<ExportTag> _tags;
    private readonly DateTime _fromUtc;
    private readonly ExportPageReader _readPage;
    private readonly int _chunkSize;

    /// <param name="tags">The tags in the order of the file.</param>
    /// <param name="fromUtc">Where every series starts.</param>
    /// <param name="readPage">Reads one page of a series.</param>
    /// <param name="chunkSize">Rows per chunk handed out.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is not positive.</exception>
    public ExportMerger(IReadOnlyList<ExportTag> tags, DateTime fromUtc, ExportPageReader readPage, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(readPage);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        _tags = tags;
        _fromUtc = fromUtc;
        _readPage = readPage;
        _chunkSize = chunkSize;
    }

    /// <summary>The rows of every tag, oldest first, in chunks of at most the chunk size (never empty).</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<ExportRow>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursors = new Cursor[_tags.Count];
        var heap = new PriorityQueue<int, (long Ticks, int Tag)>(_tags.Count);
        for (var i = 0; i < cursors.Length; i++)
        {
            cursors[i] = new Cursor(_tags[i]) { Next = _fromUtc };
            if (await cursors[i].FillAsync(_readPage, cancellationToken))
            {
                heap.Enqueue(i, (cursors[i].Current.Timestamp.Ticks, i));
            }
        }

        var buffer = ArrayPool<ExportRow>.Shared.Rent(_chunkSize);
        try
        {
            var count = 0;
            while (heap.TryDequeue(out var tag, out _))
            {
                var cursor = cursors[tag];
                buffer[count++] = new ExportRow(tag, cursor.Current);
                if (count == _chunkSize)
                {
                    yield return buffer.AsMemory(0, count);
                    count = 0;
                }

                cursor.Index++;
                if (cursor.Index < cursor.Samples.Count || await cursor.FillAsync(_readPage, cancellationToken))
                {
                    heap.Enqueue(tag, (cursor.Current.Timestamp.Ticks, tag));
                }
            }

            if (count > 0)
            {
                yield return buffer.AsMemory(0, count);
            }
        }
        finally
        {
            ArrayPool<ExportRow>.Shared.Return(buffer);
        }
    }

    private sealed class Cursor(ExportTag tag)
    {
        public IReadOnlyList<Sample> Samples { get; private set; } = [];

        public int Index { get; set; }

        public DateTime? Next { get; set; }

        public Sample Current => Samples[Index];

        /// <summary>Reads pages until one has samples; false when the series has no more.</summary>
        public async Task<bool> FillAsync(ExportPageReader readPage, CancellationToken cancellationToken)
        {
            while (Next is { } from)
            {
                var page = await readPage(tag.Series, from, cancellationToken);
                Next = page.Next;
                if (page.Samples.Count > 0)
                {
                    Samples = page.Samples;
                    Index = 0;
                    return true;
                }
            }

            Samples = [];
            Index = 0;
            return false;
        }
    }
}
