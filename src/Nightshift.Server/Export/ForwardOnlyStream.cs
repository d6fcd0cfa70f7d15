namespace Nightshift.Server.Export;

/// <summary>
/// Lets a writer that asks for <see cref="Position"/> (Parquet.Net does, for the offsets of its footer) write to a
/// forward-only stream such as an HTTP response body: the position is the count of bytes written. Writes pass straight
/// through asynchronously; the synchronous <see cref="Flush"/> Parquet.Net calls between pages does nothing (the
/// response is flushed asynchronously at the end); synchronous writes, reads and seeks throw
/// <see cref="NotSupportedException"/>. Leaves the inner stream open. Not thread-safe.
/// </summary>
public sealed class ForwardOnlyStream : Stream
{
    private readonly Stream _inner;
    private long _position;

    public ForwardOnlyStream(Stream inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _position;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("a forward-only stream cannot seek");
    }

    public override void Flush()
    {
        // Nothing: the data is already written to the inner stream; FlushAsync flushes it.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("a forward-only stream cannot be read");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("a forward-only stream cannot seek");

    public override void SetLength(long value) => throw new NotSupportedException("a forward-only stream cannot change its length");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("write asynchronously: the inner stream may be an HTTP response body");

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _inner.WriteAsync(buffer, cancellationToken);
        _position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
