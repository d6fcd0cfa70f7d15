using System.Buffers;
using Parquet;

namespace Nightshift.Server.Export;

/// <summary>
/// The long Parquet layout (<see cref="ParquetSchemas.LongLayout"/>): one row per sample, written in row groups of
/// <c>rowGroupSize</c> rows as they fill, so that memory holds one row group whatever the export's size. The stream
/// may be forward-only (an HTTP response body): it is wrapped in a <see cref="ForwardOnlyStream"/>. Not thread-safe.
/// </summary>
public sealed class ParquetLongWriter : IExportWriter
{
    private readonly Stream _output;
    private readonly ReadOnlyMemory<char>[] _tagNames;
    private readonly int _rowGroupSize;
    private readonly DateTime[] _times;
    private readonly ReadOnlyMemory<char>[] _tags;
    private readonly double?[] _values;
    private readonly ReadOnlyMemory<char>?[] _texts;
    private readonly uint[] _qualities;
    private ParquetWriter? _writer;
    private int _count;
    private bool _disposed;

    /// <param name="output">Where the file goes; left open.</param>
    /// <param name="tags">The tags, in the order <see cref="ExportRow.Tag"/> indexes.</param>
    /// <param name="rowGroupSize">Rows per row group.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowGroupSize"/> is not positive.</exception>
    public ParquetLongWriter(Stream output, IReadOnlyList<ExportTag> tags, int rowGroupSize)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowGroupSize);
        _output = new ForwardOnlyStream(output);
        _tagNames = [.. tags.Select(t => t.Name.AsMemory())];
        _rowGroupSize = rowGroupSize;
        _times = ArrayPool<DateTime>.Shared.Rent(rowGroupSize);
        _tags = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(rowGroupSize);
        _values = ArrayPool<double?>.Shared.Rent(rowGroupSize);
        _texts = ArrayPool<ReadOnlyMemory<char>?>.Shared.Rent(rowGroupSize);
        _qualities = ArrayPool<uint>.Shared.Rent(rowGroupSize);
    }

    public long Rows { get; private set; }

    public async Task WriteAsync(ReadOnlyMemory<ExportRow> rows, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows.Span[i];
            var value = row.Sample.Value;
            _times[_count] = row.Sample.Timestamp;
            _tags[_count] = _tagNames[row.Tag];
            _values[_count] = value.IsNumeric ? value.AsDouble() : null;
            _texts[_count] = value.AsString()?.AsMemory();
            _qualities[_count] = row.Sample.Quality.Code;
            _count++;
            if (_count == _rowGroupSize)
            {
                await WriteRowGroupAsync(cancellationToken);
            }
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_count > 0 || _writer is null)
        {
            await WriteRowGroupAsync(cancellationToken);
        }

        await _writer!.DisposeAsync();
        _writer = null;
        await _output.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;

        // An export that did not complete is abandoned: disposing Parquet.Net's writer would write a footer to a stream
        // that has failed or whose reader has gone.
        _writer = null;
        ArrayPool<DateTime>.Shared.Return(_times);
        ArrayPool<ReadOnlyMemory<char>>.Shared.Return(_tags, clearArray: true);
        ArrayPool<double?>.Shared.Return(_values);
        ArrayPool<ReadOnlyMemory<char>?>.Shared.Return(_texts, clearArray: true);
        ArrayPool<uint>.Shared.Return(_qualities);
        return ValueTask.CompletedTask;
    }

    private async Task WriteRowGroupAsync(CancellationToken cancellationToken)
    {
        _writer ??= await ParquetWriter.CreateAsync(ParquetSchemas.LongLayout, _output, ParquetSchemas.Options(), append: false, cancellationToken);
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync<DateTime>(ParquetSchemas.Time, _times.AsMemory(0, _count), null, null, cancellationToken);
            await group.WriteAsync<ReadOnlyMemory<char>>(ParquetSchemas.Tag, _tags.AsMemory(0, _count), null, null, cancellationToken);
            await group.WriteAsync<double>(ParquetSchemas.Value, _values.AsMemory(0, _count), null, null, cancellationToken);
            await group.WriteAsync<ReadOnlyMemory<char>>(ParquetSchemas.Text, _texts.AsMemory(0, _count), null, null, cancellationToken);
            await group.WriteAsync<uint>(ParquetSchemas.Quality, _qualities.AsMemory(0, _count), null, null, cancellationToken);
            group.CompleteValidate();
        }

        Rows += _count;
        Array.Clear(_texts, 0, _count);
        _count = 0;
    }
}
