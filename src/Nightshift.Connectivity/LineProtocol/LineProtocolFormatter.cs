using System.Globalization;
using System.Text;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.LineProtocol;

/// <summary>
/// Writes points as InfluxDB line protocol with nanosecond timestamps, escaping as <see cref="LineProtocolParser"/>
/// unescapes. Names cannot carry a backslash right before a character that needs escaping, nor a newline, nor start
/// with '#' (line protocol has no way to write these); <see cref="LineProtocolParser.Parse"/> reads everything else
/// back as it was. Pure and thread-safe.
/// </summary>
public static class LineProtocolFormatter
{
    /// <summary>One point as a line, without a line ending.</summary>
    public static string Format(LineProtocolPoint point)
    {
        var builder = new StringBuilder();
        Append(builder, point);
        return builder.ToString();
    }

    /// <summary>Appends one point as a line, without a line ending.</summary>
    /// <exception cref="ArgumentException">The point has no fields.</exception>
    public static void Append(StringBuilder builder, LineProtocolPoint point)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(point);
        if (point.Fields.Count == 0)
        {
            throw new ArgumentException("a line protocol point needs at least one field", nameof(point));
        }

        AppendEscaped(builder, point.Measurement, ", ");
        foreach (var tag in point.Tags)
        {
            builder.Append(',');
            AppendEscaped(builder, tag.Key, ",= ");
            builder.Append('=');
            AppendEscaped(builder, tag.Value, ",= ");
        }

        for (var i = 0; i < point.Fields.Count; i++)
        {
            var field = point.Fields[i];
            builder.Append(i == 0 ? ' ' : ',');
            AppendEscaped(builder, field.Key, ",= ");
            builder.Append('=');
            AppendValue(builder, field);
        }

        var nanoseconds = (point.Timestamp.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) * 100;
        builder.Append(' ').Append(nanoseconds.ToString(CultureInfo.InvariantCulture));
    }

    private static void AppendValue(StringBuilder builder, LineProtocolField field)
    {
        var value = field.Value;
        switch (field.Type)
        {
            case LineProtocolFieldType.Integer:
                builder.Append(value.AsLong().ToString(CultureInfo.InvariantCulture)).Append('i');
                break;
            case LineProtocolFieldType.Unsigned:
                var unsigned = value.Kind == ValueKind.Long ? (ulong)value.AsLong() : (ulong)value.AsDouble();
                builder.Append(unsigned.ToString(CultureInfo.InvariantCulture)).Append('u');
                break;
            case LineProtocolFieldType.Boolean:
                builder.Append(value.AsBool() ? "true" : "false");
                break;
            case LineProtocolFieldType.String:
                builder.Append('"');
                foreach (var c in value.AsString() ?? string.Empty)
                {
                    if (c is '"' or '\\')
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                }

                builder.Append('"');
                break;
            default:
                builder.Append(value.AsDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void AppendEscaped(StringBuilder builder, string text, string escaped)
    {
        foreach (var c in text)
        {
            if (escaped.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }
    }
}
