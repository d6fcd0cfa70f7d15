using System.Buffers;
using System.Globalization;
using System.Text;
using Nightshift.Core.Samples;

namespace Nightshift.Server.Export;

/// <summary>
/// A pooled UTF-8 buffer that CSV rows are formatted into (RFC 4180: a field is quoted, its quotes doubled, when it holds a
/// comma, a quote, CR or LF; invariant culture) and written to a stream asynchronously when it fills. Not thread-safe.
/// </summary>
public sealed class Utf8CsvBuffer : IAsyncDisposable
{
    /// <summary>The timestamp format: ISO 8601 UTC to the microsecond.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private const int DefaultSize = 64 * 1024;
    private const int NumberBytes = 40;

    private readonly Stream _output;
    private byte[] _buffer;
    private int _length;
    private bool _disposed;

    public Utf8CsvBuffer(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _buffer = ArrayPool<byte>.Shared.Rent(DefaultSize);
    }

    /// <summary>Bytes written to the stream so far (not counting what is buffered).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>A field as CSV: quoted when it must be, as UTF-8 bytes. For values repeated on every row (tag names).</summary>
    public static byte[] EncodeField(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Encoding.UTF8.GetBytes(NeedsQuotes(field) ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field);
    }

    /// <summary>Makes room for <paramref name="bytes"/> more bytes, writing the buffer out when it is too full.</summary>
    public async ValueTask EnsureAsync(int bytes, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_buffer.Length - _length >= bytes)
        {
            return;
        }

        await FlushAsync(cancellationToken);
        if (_buffer.Length < bytes)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(bytes);
        }
    }

    /// <summary>The most bytes <see cref="AppendValue"/> writes for <paramref name="value"/>.</summary>
    public static int MaxValueBytes(SampleValue value) =>
        value.AsString() is { } text ? (Encoding.UTF8.GetMaxByteCount(text.Length) * 2) + 2 : NumberBytes;

    public void Append(byte b) => _buffer[_length++] = b;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void AppendLineEnd()
    {
        _buffer[_length++] = (byte)'\r';
        _buffer[_length++] = (byte)'\n';
    }

    public void AppendTime(DateTime utc)
    {
        utc.TryFormat(_buffer.AsSpan(_length), out var written, TimeFormat, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void AppendNumber(uint value)
    {
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>
    /// A sample value: a double round-trippable ("R"; NaN, Infinity, -Infinity), a long as an integer, a bool as
    /// true/false, a string as a field (quoted when it must be), nothing for no value. Call <see cref="EnsureAsync"/> with
    /// <see cref="MaxValueBytes"/> first.
    /// </summary>
    public void AppendValue(SampleValue value)
    {
        var span = _buffer.AsSpan(_length);
        int written;
        switch (value.Kind)
        {
            case ValueKind.Double:
                value.AsDouble().TryFormat(span, out written, "R", CultureInfo.InvariantCulture);
                break;
            case ValueKind.Long:
                value.AsLong().TryFormat(span, out written, default, CultureInfo.InvariantCulture);
                break;
            case ValueKind.Bool:
                (value.AsBool() ? "true"u8 : "false"u8).CopyTo(span);
                written = value.AsBool() ? 4 : 5;
                break;
            case ValueKind.String:
                written = WriteField(value.AsString()!, span);
                break;
            default:
                written = 0;
                break;
        }

        _length += written;
    }

    /// <summary>Writes the buffer to the stream.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_length == 0)
        {
            return;
        }

        await _output.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        BytesWritten += _length;
        _length = 0;
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        return ValueTask.CompletedTask;
    }

    private static bool NeedsQuotes(ReadOnlySpan<char> field) => field.IndexOfAny(",\"\r\n") >= 0;

    private static int WriteField(string field, Span<byte> destination)
    {
        if (!NeedsQuotes(field))
        {
            return Encoding.UTF8.GetBytes(field, destination);
        }

        var at = 0;
        destination[at++] = (byte)'"';
        var rest = field.AsSpan();
        while (rest.Length > 0)
        {
            var quote = rest.IndexOf('"');
            var part = quote < 0 ? rest : rest[..(quote + 1)];
            at += Encoding.UTF8.GetBytes(part, destination[at..]);
            if (quote < 0)
            {
                break;
            }

            destination[at++] = (byte)'"';
            rest = rest[(quote + 1)..];
        }

        destination[at++] = (byte)'"';
        return at;
    }
}
