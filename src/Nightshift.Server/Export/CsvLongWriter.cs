using System.Text;

namespace Nightshift.Server.Export;

/// <summary>
/// The long CSV layout: the header <c>time,tag,value,quality</c> and one row per sample. <c>time</c> is ISO 8601 UTC to
/// the microsecond, <c>value</c> as <see cref="Utf8CsvBuffer.AppendValue"/> writes it, <c>quality</c> the OPC UA status
/// name (<c>Good</c>, <c>BadNotConnected</c>, or the severity and hex code of other codes). RFC 4180 quoting, CRLF line
/// ends, UTF-8 without a byte order mark. Not thread-safe.
/// </summary>
public sealed class CsvLongWriter : IExportWriter
{
    private static readonly byte[] Header = "time,tag,value,quality\r\n"u8.ToArray();

    private readonly Utf8CsvBuffer _buffer;
    private readonly byte[][] _tagFields;
    private readonly Dictionary<uint, byte[]> _qualities = [];
    private bool _started;

    /// <param name="output">Where the file goes; left open.</param>
    /// <param name="tags">The tags, in the order <see cref="ExportRow.Tag"/> indexes.</param>
    public CsvLongWriter(Stream output, IReadOnlyList<ExportTag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _buffer = new Utf8CsvBuffer(output);
        _tagFields = [.. tags.Select(t => Utf8CsvBuffer.EncodeField(t.Name))];
    }

    public long Rows { get; private set; }

    public async Task WriteAsync(ReadOnlyMemory<ExportRow> rows, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows.Span[i];
            var tag = _tagFields[row.Tag];
            var quality = QualityField(row.Sample.Quality.Code);
            await _buffer.EnsureAsync(64 + tag.Length + quality.Length + Utf8CsvBuffer.MaxValueBytes(row.Sample.Value), cancellationToken);
            _buffer.AppendTime(row.Sample.Timestamp);
            _buffer.Append((byte)',');
            _buffer.Append(tag);
            _buffer.Append((byte)',');
            _buffer.AppendValue(row.Sample.Value);
            _buffer.Append((byte)',');
            _buffer.Append(quality);
            _buffer.AppendLineEnd();
        }

        Rows += rows.Length;
        await _buffer.FlushAsync(cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        await _buffer.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _buffer.DisposeAsync();

    private async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        await _buffer.EnsureAsync(Header.Length, cancellationToken);
        _buffer.Append(Header);
    }

    private byte[] QualityField(uint code)
    {
        if (!_qualities.TryGetValue(code, out var field))
        {
            field = Encoding.UTF8.GetBytes(new Nightshift.Core.Samples.Quality(code).ToString());
            _qualities[code] = field;
        }

        return field;
    }
}
