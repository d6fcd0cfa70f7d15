using Parquet;
using Parquet.Schema;

namespace Nightshift.Server.Export;

/// <summary>
/// What the Parquet layouts share: a forward-only output (<see cref="ForwardOnlyStream"/>), rows buffered up to
/// <see cref="RowGroupSize"/> and written as one row group when full, the footer written by <see cref="CompleteAsync"/>,
/// and an abandoned export (disposed before completing) left without a footer, as the stream has failed or its reader
/// has gone. A layout supplies its columns and its buffers. Not thread-safe.
/// </summary>
public abstract class ParquetExportWriter : IExportWriter
{
    private readonly Stream _output;
    private readonly ParquetSchema _schema;
    private ParquetWriter? _writer;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowGroupSize"/> is not positive.</exception>
    protected ParquetExportWriter(Stream output, ParquetSchema schema, int rowGroupSize)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowGroupSize);
        _output = new ForwardOnlyStream(output);
        _schema = schema;
        RowGroupSize = rowGroupSize;
    }

    /// <summary>Rows written so far, not counting buffered rows.</summary>
    public long Rows { get; private set; }

    /// <summary>Rows per row group.</summary>
    protected int RowGroupSize { get; }

    /// <summary>Rows buffered for the next row group.</summary>
    protected int Count { get; set; }

    /// <summary>True once disposed.</summary>
    protected bool Disposed { get; private set; }

    public abstract Task WriteAsync(ReadOnlyMemory<ExportRow> rows, CancellationToken cancellationToken);

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        CloseBufferedRow();
        if (Count > 0 || _writer is null)
        {
            await WriteRowGroupAsync(cancellationToken);
        }

        await _writer!.DisposeAsync();
        _writer = null;
        await _output.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        if (Disposed)
        {
            return ValueTask.CompletedTask;
        }

        Disposed = true;
        _writer = null;
        ReturnBuffers();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes the buffered rows as one row group (the file's header first, once) and empties the buffer.</summary>
    protected async Task WriteRowGroupAsync(CancellationToken cancellationToken)
    {
        _writer ??= await ParquetWriter.CreateAsync(_schema, _output, ParquetSchemas.Options(), append: false, cancellationToken);
        using (var group = _writer.CreateRowGroup())
        {
            await WriteColumnsAsync(group, _schema.GetDataFields(), cancellationToken);
            group.CompleteValidate();
        }

        Rows += Count;
        ClearBuffers();
        Count = 0;
    }

    /// <summary>Writes the <see cref="Count"/> buffered values of every column of <paramref name="fields"/>.</summary>
    protected abstract Task WriteColumnsAsync(ParquetRowGroupWriter group, DataField[] fields, CancellationToken cancellationToken);

    /// <summary>Counts a row still being assembled, before the last row group (the wide layout's open timestamp).</summary>
    protected virtual void CloseBufferedRow()
    {
    }

    /// <summary>Drops references the buffers hold after a row group (text values).</summary>
    protected virtual void ClearBuffers()
    {
    }

    /// <summary>Returns the pooled buffers.</summary>
    protected abstract void ReturnBuffers();
}
