namespace Nightshift.Server.Tests.Export;

/// <summary>
/// A forward-only, write-only stream that, like Kestrel's response body, refuses synchronous writes and flushes, and
/// cannot seek or tell its position; what is written lands in <see cref="Written"/>.
/// </summary>
public sealed class AsyncOnlyStream : Stream
{
    public MemoryStream Written { get; } = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException("no position");
        set => throw new NotSupportedException("no position");
    }

    public override void Flush() => throw new InvalidOperationException("synchronous flush");

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");

    public override void Write(ReadOnlySpan<byte> buffer) => throw new InvalidOperationException("synchronous write");

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Written.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>A readable, seekable copy of what was written.</summary>
    public MemoryStream Copy() => new(Written.ToArray());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Written.Dispose();
        }

        base.Dispose(disposing);
    }
}
