using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace Nightshift.Server.Export;

/// <summary>
/// The long Parquet layout (<see cref="ParquetSchemas.LongLayout"/>): one row per sample, written in row groups of
/// <c>rowGroupSize</c> rows as they fill, so that memory holds one row group whatever the export's size. The stream
/// may be forward-only (an HTTP response body): it is wrapped in a <see cref="ForwardOnlyStream"/>. Not thread-safe.
/// </summary>
public sealed class ParquetLongWriter : ParquetExportWriter
{
    private readonly ReadOnlyMemory<char>[] _tagNames;
    private readonly DateTime[] _times;
    private readonly ReadOnlyMemory<char>[] _tags;
    private readonly double?[] _values;
    private readonly ReadOnlyMemory<char>?[] _texts;
    private readonly uint[] _qualities;

    /// <param name="output">Where the file goes; left open.</param>
    /// <param name="tags">The tags, in the order <see cref="ExportRow.Tag"/> indexes.</param>
    /// <param name="rowGroupSize">Rows per row group.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowGroupSize"/> is not positive.</exception>
    public ParquetLongWriter(Stream output, IReadOnlyList<ExportTag> tags, int rowGroupSize)
        : base(output, ParquetSchemas.LongLayout, rowGroupSize)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _tagNames = [.. tags.Select(t => t.Name.AsMemory())];
        _times = ArrayPool<DateTime>.Shared.Rent(rowGroupSize);
        _tags = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(rowGroupSize);
        _values = ArrayPool<double?>.Shared.Rent(rowGroupSize);
        _texts = ArrayPool<ReadOnlyMemory<char>?>.Shared.Rent(rowGroupSize);
        _qualities = ArrayPool<uint>.Shared.Rent(rowGroupSize);
    }

    public override async Task WriteAsync(ReadOnlyMemory<ExportRow> rows, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows.Span[i];
            var value = row.Sample.Value;
            _times[Count] = row.Sample.Timestamp;
            _tags[Count] = _tagNames[row.Tag];
            _values[Count] = value.IsNumeric ? value.AsDouble() : null;
            _texts[Count] = value.AsString()?.AsMemory();
            _qualities[Count] = row.Sample.Quality.Code;
            Count++;
            if (Count == RowGroupSize)
            {
                await WriteRowGroupAsync(cancellationToken);
            }
        }
    }

    protected override async Task WriteColumnsAsync(ParquetRowGroupWriter group, DataField[] fields, CancellationToken cancellationToken)
    {
        await group.WriteAsync<DateTime>(ParquetSchemas.Time, _times.AsMemory(0, Count), null, null, cancellationToken);
        await group.WriteAsync<ReadOnlyMemory<char>>(ParquetSchemas.Tag, _tags.AsMemory(0, Count), null, null, cancellationToken);
        await group.WriteAsync<double>(ParquetSchemas.Value, _values.AsMemory(0, Count), null, null, cancellationToken);
        await group.WriteAsync<ReadOnlyMemory<char>>(ParquetSchemas.Text, _texts.AsMemory(0, Count), null, null, cancellationToken);
        await group.WriteAsync<uint>(ParquetSchemas.Quality, _qualities.AsMemory(0, Count), null, null, cancellationToken);
    }

    protected override void ClearBuffers() => Array.Clear(_texts, 0, Count);

    protected override void ReturnBuffers()
    {
        ArrayPool<DateTime>.Shared.Return(_times);
        ArrayPool<ReadOnlyMemory<char>>.Shared.Return(_tags, clearArray: true);
        ArrayPool<double?>.Shared.Return(_values);
        ArrayPool<ReadOnlyMemory<char>?>.Shared.Return(_texts, clearArray: true);
        ArrayPool<uint>.Shared.Return(_qualities);
    }
}
