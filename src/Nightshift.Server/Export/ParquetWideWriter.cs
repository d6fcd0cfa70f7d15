using System.Buffers;
using Parquet;

namespace Nightshift.Server.Export;

/// <summary>
/// The wide Parquet layout (<see cref="ParquetSchemas.WideLayout"/>): one row per distinct timestamp with a nullable double
/// column per tag (null where the tag has no numeric sample at that time; string values are not part of this layout),
/// written in row groups of <c>rowGroupSize</c> rows as they fill. The stream may be forward-only. Not thread-safe.
/// </summary>
public sealed class ParquetWideWriter : IExportWriter
{
    private readonly Stream _output;
    private readonly Parquet.Schema.ParquetSchema _schema;
    private readonly int _rowGroupSize;
    private readonly DateTime[] _times;
    private readonly double?[][] _columns;
    private ParquetWriter? _writer;
    private int _count;
    private bool _open;
    private bool _disposed;

    /// <param name="output">Where the file goes; left open.</param>
    /// <param name="tags">The tags, one column each, in the order <see cref="ExportRow.Tag"/> indexes.</param>
    /// <param name="rowGroupSize">Rows per row group.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowGroupSize"/> is not positive.</exception>
    public ParquetWideWriter(Stream output, IReadOnlyList<ExportTag> tags, int rowGroupSize)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowGroupSize);
        _output = new ForwardOnlyStream(output);
        _schema = ParquetSchemas.WideLayout(tags);
        _rowGroupSize = rowGroupSize;
        _times = ArrayPool<DateTime>.Shared.Rent(rowGroupSize);
        _columns = [.. tags.Select(_ => ArrayPool<double?>.Shared.Rent(rowGroupSize))];
    }

    /// <summary>Rows written so far (one per distinct timestamp), not counting buffered rows.</summary>
    public long Rows { get; private set; }

    public async Task WriteAsync(ReadOnlyMemory<ExportRow> rows, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows.Span[i];
            if (!_open || _times[_count] != row.Sample.Timestamp)
            {
                if (_open)
                {
                    _count++;
                    if (_count == _rowGroupSize)
                    {
                        await WriteRowGroupAsync(cancellationToken);
                    }
                }

                _open = true;
                _times[_count] = row.Sample.Timestamp;
                foreach (var column in _columns)
                {
                    column[_count] = null;
                }
            }

            var value = row.Sample.Value;
            _columns[row.Tag][_count] = value.IsNumeric ? value.AsDouble() : null;
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_open)
        {
            _count++;
            _open = false;
        }

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
        foreach (var column in _columns)
        {
            ArrayPool<double?>.Shared.Return(column);
        }

        return ValueTask.CompletedTask;
    }

    private async Task WriteRowGroupAsync(CancellationToken cancellationToken)
    {
        _writer ??= await ParquetWriter.CreateAsync(_schema, _output, ParquetSchemas.Options(), append: false, cancellationToken);
        var fields = _schema.GetDataFields();
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync<DateTime>(fields[0], _times.AsMemory(0, _count), null, null, cancellationToken);
            for (var i = 0; i < _columns.Length; i++)
            {
                await group.WriteAsync<double>(fields[i + 1], _columns[i].AsMemory(0, _count), null, null, cancellationToken);
            }

            group.CompleteValidate();
        }

        Rows += _count;
        _count = 0;
    }
}
