using System.Globalization;
using System.Text;

namespace Nightshift.Cli.Commands;

/// <summary>
/// Follows a CSV export as its bytes arrive and keeps the time of the last complete row: rows are in time order and
/// start with an ISO 8601 UTC time, so that time is how far the export has come. Lines that do not start with a time
/// (the header, the rest of a quoted value holding a line break) are passed over. Not thread-safe.
/// </summary>
public sealed class ExportCsvTimeTracker
{
    private const int TimeLength = 27; // yyyy-MM-ddTHH:mm:ss.ffffffZ
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private readonly byte[] _head = new byte[TimeLength];
    private int _headLength;

    /// <summary>The time of the last complete row seen, or null before the first.</summary>
    public DateTime? Position { get; private set; }

    /// <summary>Takes the next bytes of the file.</summary>
    public void Observe(ReadOnlySpan<byte> chunk)
    {
        var last = chunk.LastIndexOf("\r\n"u8);
        if (last < 0)
        {
            AppendHead(chunk);
            return;
        }

        var before = chunk[..last];
        var previous = before.LastIndexOf("\r\n"u8);
        if (previous >= 0)
        {
            _headLength = 0;
            AppendHead(before[(previous + 2)..]);
        }
        else
        {
            AppendHead(before);
        }

        if (_headLength == TimeLength
            && DateTime.TryParseExact(Encoding.ASCII.GetString(_head), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            Position = time;
        }

        _headLength = 0;
        AppendHead(chunk[(last + 2)..]);
    }

    private void AppendHead(ReadOnlySpan<byte> bytes)
    {
        var take = Math.Min(bytes.Length, TimeLength - _headLength);
        bytes[..take].CopyTo(_head.AsSpan(_headLength));
        _headLength += take;
    }
}
