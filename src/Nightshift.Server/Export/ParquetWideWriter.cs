using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace Nightshift.Server.Export;

/// <summary>
/// The wide Parquet layout (<see cref="ParquetSchemas.WideLayout"/>): one row per distinct timestamp with a nullable double
/// column per tag (null where the tag has no numeric sample at that time; string values are not part of this layout),
/// written in row groups of <c>rowGroupSize</c> rows as they fill. The stream may be forward-only. Not thread-safe.
/// </summary>
public sealed class ParquetWideWriter : ParquetExportWriter
{
    private readonly DateTime[] _times;
    private readonly double?[][] _columns;
    private bool _open;

    /// <param name="output">Where the file goes; left open.</param>
    /// <param name="tags">The tags, one column each, in the order <see cref="ExportRow.Tag"/> indexes.</param>
    /// <param name="rowGroupSize">Rows per row group.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowGroupSize"/> is not positive.</exception>
    public ParquetWideWriter(Stream output, IReadOnlyList<ExportTag> tags, int rowGroupSize)
        : base(output, ParquetSchemas.WideLayout(tags ?? throw new ArgumentNullException(nameof(tags))), rowGroupSize)
    {
        _times = ArrayPool<DateTime>.Shared.Rent(rowGroupSize);
        _columns = [.. tags.Select(_ => ArrayPool<double?>.Shared.Rent(rowGroupSize))];
    }

    public override async Task WriteAsync(ReadOnlyMemory<ExportRow> rows, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows.Span[i];
            if (!_open || _times[Count] != row.Sample.Timestamp)
            {
                if (_open)
                {
                    Count++;
                    if (Count == RowGroupSize)
                    {
                        await WriteRowGroupAsync(cancellationToken);
                    }
                }

                _open = true;
                _times[Count] = row.Sample.Timestamp;
                foreach (var column in _columns)
                {
                    column[Count] = null;
                }
            }

            var value = row.Sample.Value;
            _columns[row.Tag][Count] = value.IsNumeric ? value.AsDouble() : null;
        }
    }

    protected override void CloseBufferedRow()
    {
        if (_open)
        {
            Count++;
            _open = false;
        }
    }

    protected override async Task WriteColumnsAsync(ParquetRowGroupWriter group, DataField[] fields, CancellationToken cancellationToken)
    {
        await group.WriteAsync<DateTime>(fields[0], _times.AsMemory(0, Count), null, null, cancellationToken);
        for (var i = 0; i < _columns.Length; i++)
        {
            await group.WriteAsync<double>(fields[i + 1], _columns[i].AsMemory(0, Count), null, null, cancellationToken);
        }
    }

    protected override void ReturnBuffers()
    {
        ArrayPool<DateTime>.Shared.Return(_times);
        foreach (var column in _columns)
        {
            ArrayPool<double?>.Shared.Return(column);
        }
    }
}
