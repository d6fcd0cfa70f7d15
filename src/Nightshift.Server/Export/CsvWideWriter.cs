using Nightshift.Core.Samples;

namespace Nightshift.Server.Export;

/// <summary>
/// The wide CSV layout: the header <c>time,&lt;tag 1&gt;,&lt;tag 2&gt;,...</c> and one row per distinct timestamp, each
/// tag's value in its column (as <see cref="Utf8CsvBuffer.AppendValue"/> writes it) or empty where the tag has no sample at
/// that time. Qualities are not part of this layout. RFC 4180 quoting, CRLF line ends, UTF-8. Not thread-safe.
/// </summary>
public sealed class CsvWideWriter : IExportWriter
{
    private readonly Utf8CsvBuffer _buffer;
    private readonly byte[] _header;
    private readonly SampleValue?[] _cells;
    private DateTime? _time;
    private bool _started;

    /// <param name="output">Where the file goes; left open.</param>
    /// <param name="tags">The tags, one column each, in the order <see cref="ExportRow.Tag"/> indexes.</param>
    public CsvWideWriter(Stream output, IReadOnlyList<ExportTag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _buffer = new Utf8CsvBuffer(output);
        var header = new List<byte>("time"u8.ToArray());
        foreach (var tag in tags)
        {
            header.Add((byte)',');
            header.AddRange(Utf8CsvBuffer.EncodeField(tag.Name));
        }

        header.AddRange("\r\n"u8.ToArray());
        _header = [.. header];
        _cells = new SampleValue?[tags.Count];
    }

    /// <summary>Lines written so far (one per distinct timestamp), not counting the one still being filled.</summary>
    public long Rows { get; private set; }

    public async Task WriteAsync(ReadOnlyMemory<ExportRow> rows, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows.Span[i];
            if (_time != row.Sample.Timestamp)
            {
                await WriteLineAsync(cancellationToken);
                _time = row.Sample.Timestamp;
            }

            _cells[row.Tag] = row.Sample.Value;
        }

        await _buffer.FlushAsync(cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        await WriteLineAsync(cancellationToken);
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
        await _buffer.EnsureAsync(_header.Length, cancellationToken);
        _buffer.Append(_header);
    }

    private async ValueTask WriteLineAsync(CancellationToken cancellationToken)
    {
        if (_time is not { } time)
        {
            return;
        }

        var size = 40;
        foreach (var cell in _cells)
        {
            size += 1 + (cell is { } value ? Utf8CsvBuffer.MaxValueBytes(value) : 0);
        }

        await _buffer.EnsureAsync(size, cancellationToken);
        _buffer.AppendTime(time);
        for (var i = 0; i < _cells.Length; i++)
        {
            _buffer.Append((byte)',');
            if (_cells[i] is { } value)
            {
                _buffer.AppendValue(value);
                _cells[i] = null;
            }
        }

        _buffer.AppendLineEnd();
        _time = null;
        Rows++;
    }
}
