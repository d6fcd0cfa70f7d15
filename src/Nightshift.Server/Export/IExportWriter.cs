namespace Nightshift.Server.Export;

/// <summary>
/// Writes the rows of an export to a stream as they arrive, in one format and layout. Rows come oldest first
/// (<see cref="ExportMerger"/>). Call <see cref="CompleteAsync"/> once after the last rows to finish the file; disposing
/// releases buffers and never writes. Not thread-safe. Writers only write asynchronously to the stream, so it may be an
/// HTTP response body.
/// </summary>
public interface IExportWriter : IAsyncDisposable
{
    /// <summary>Rows written so far.</summary>
    long Rows { get; }

    /// <summary>Writes a chunk of rows (the writer does not keep a reference to the memory).</summary>
    /// <exception cref="IOException">The stream failed.</exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    Task WriteAsync(ReadOnlyMemory<ExportRow> rows, CancellationToken cancellationToken);

    /// <summary>Writes what is buffered and the end of the file, and flushes the stream.</summary>
    /// <exception cref="IOException">The stream failed.</exception>
    Task CompleteAsync(CancellationToken cancellationToken);
}
