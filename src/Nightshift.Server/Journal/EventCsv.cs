using System.Globalization;
using System.Text;
using Nightshift.Core.Events;

namespace Nightshift.Server.Journal;

/// <summary>
/// Writes journal events as CSV per RFC 4180: the header <c>timestamp,kind,asset,actor,message</c>, CRLF line ends, and a
/// field quoted (its quotes doubled) when it holds a comma, a quote, CR or LF. Timestamps are ISO-8601 UTC. Stateless.
/// </summary>
public static class EventCsv
{
    public const string Header = "timestamp,kind,asset,actor,message";

    public const string NewLine = "\r\n";

    public static string Row(PlantEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var row = new StringBuilder(96);
        row.Append(e.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append(',')
            .Append(EventKindNames.Name(e.Kind)).Append(',')
            .Append(Quote(e.Asset?.Value ?? string.Empty)).Append(',')
            .Append(Quote(e.Actor)).Append(',')
            .Append(Quote(e.Message));
        return row.ToString();
    }

    public static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
