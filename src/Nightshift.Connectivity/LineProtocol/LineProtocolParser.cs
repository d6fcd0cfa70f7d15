using System.Buffers;
using System.Globalization;
using System.Text;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.LineProtocol;

/// <summary>
/// Parses InfluxDB line protocol (the 1.x write API's body) from UTF-8 bytes:
/// <code>measurement[,tag_key=tag_value...] field_key=field_value[,field_key=field_value...] [timestamp]</code>
/// Escapes: a backslash escapes ',' and ' ' in the measurement, and ',', '=' and ' ' in tag keys, tag values and
/// field keys; in a string field value it escapes '"' and '\'. Any other backslash is kept as it is. Field values are
/// floats (<c>1.5</c>, <c>1e3</c>), integers (<c>12i</c>), unsigned integers (<c>12u</c>), booleans (<c>t</c>,
/// <c>T</c>, <c>true</c>, <c>True</c>, <c>TRUE</c>, <c>f</c>, <c>F</c>, <c>false</c>, <c>False</c>, <c>FALSE</c>) or
/// double-quoted strings, which may span lines. The optional timestamp is an integer in the request's precision
/// (nanoseconds by default); without one a point takes the receive time, truncated to the precision. Blank lines and
/// lines starting with '#' are skipped; lines may end with LF or CRLF.
/// <para>
/// A bad line is reported with its line number, column and reason and does not stop the good ones (InfluxDB 1.x's
/// partial write). Nightshift's own limits: at most <see cref="MaxTags"/> tags (the measurement and the tag values
/// form an asset path of at most <see cref="AssetPath.MaxDepth"/> segments), field keys must be valid tag names
/// (<see cref="TagPath.IsValidTagName"/>) and unique within a line.
/// </para>
/// <para>
/// Design: each line is first delimited the way InfluxDB's <c>scanLine</c> does it (a newline inside a quoted field
/// value does not end the line), then parsed with one forward pass over its bytes; names are unescaped into strings
/// only when they contain a backslash. Pure, stateless and thread-safe; never throws for any input.
/// </para>
/// </summary>
public static class LineProtocolParser
{
    /// <summary>How many errors <see cref="Parse"/> describes unless asked otherwise (all are counted).</summary>
    public const int DefaultMaxErrors = 10;

    /// <summary>The most tags a point may carry: one segment of the asset path is the measurement.</summary>
    public const int MaxTags = AssetPath.MaxDepth - 1;

    // InfluxDB's range of timestamps (models.MinNanoTime and MaxNanoTime).
    private const long MinNanoseconds = long.MinValue + 2;
    private const long MaxNanoseconds = long.MaxValue - 1;
    private const int StackBufferBytes = 256;

    /// <summary>
    /// Reads the <c>precision</c> query parameter: empty, <c>n</c> or <c>ns</c>; <c>u</c>, <c>us</c> or <c>µ</c>;
    /// <c>ms</c>; <c>s</c>; <c>m</c>; <c>h</c>. False for anything else.
    /// </summary>
    public static bool TryParsePrecision(string? text, out LineProtocolPrecision precision)
    {
        switch (text)
        {
            case null or "" or "n" or "ns":
                precision = LineProtocolPrecision.Nanoseconds;
                return true;
            case "u" or "us" or "µ":
                precision = LineProtocolPrecision.Microseconds;
                return true;
            case "ms":
                precision = LineProtocolPrecision.Milliseconds;
                return true;
            case "s":
                precision = LineProtocolPrecision.Seconds;
                return true;
            case "m":
                precision = LineProtocolPrecision.Minutes;
                return true;
            case "h":
                precision = LineProtocolPrecision.Hours;
                return true;
            default:
                precision = default;
                return false;
        }
    }

    /// <summary>Parses a whole request body.</summary>
    /// <param name="utf8">The body, UTF-8.</param>
    /// <param name="precision">The unit of the timestamps.</param>
    /// <param name="receivedUtc">The receive time (UTC) for lines without a timestamp.</param>
    /// <param name="maxErrors">How many errors to describe; all bad lines are counted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxErrors"/> is negative.</exception>
    public static LineProtocolParseResult Parse(ReadOnlySpan<byte> utf8, LineProtocolPrecision precision, DateTime receivedUtc, int maxErrors = DefaultMaxErrors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxErrors);
        var defaultTime = Truncate(receivedUtc, precision);
        var points = new List<LineProtocolPoint>();
        var errors = new List<LineProtocolError>();
        var errorCount = 0;
        var lineNumber = 1;
        var position = 0;
        while (position < utf8.Length)
        {
            var end = ScanLine(utf8, position);
            var line = utf8[position..end];
            var number = lineNumber;
            lineNumber += line.Count((byte)'\n') + 1;
            position = end + 1;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            var start = SkipWhitespace(line, 0);
            if (start == line.Length || line[start] == (byte)'#')
            {
                continue;
            }

            var failure = TryParseLine(line, start, precision, defaultTime, number, out var point);
            if (failure.Reason is null)
            {
                points.Add(point!);
                continue;
            }

            errorCount++;
            if (errors.Count < maxErrors)
            {
                errors.Add(new LineProtocolError(number, failure.Column + 1, failure.Reason, Describe(line)));
            }
        }

        return new LineProtocolParseResult(points, errors, errorCount);
    }

    /// <summary>A timestamp in <paramref name="precision"/> as UTC; false outside InfluxDB's range (1677–2262).</summary>
    public static bool TryConvertTimestamp(long value, LineProtocolPrecision precision, out DateTime utc)
    {
        var nanoseconds = (Int128)value * NanosecondsPer(precision);
        if (nanoseconds < MinNanoseconds || nanoseconds > MaxNanoseconds)
        {
            utc = default;
            return false;
        }

        var ticks = nanoseconds / 100;
        if (nanoseconds % 100 < 0)
        {
            ticks--;
        }

        utc = new DateTime(DateTime.UnixEpoch.Ticks + (long)ticks, DateTimeKind.Utc);
        return true;
    }

    /// <summary>
    /// Where a line ends, as InfluxDB's <c>scanLine</c> finds it: at the first newline that is neither escaped nor
    /// inside a double-quoted field value (a quote opens a string only in the field set, right after an '=').
    /// </summary>
    private static int ScanLine(ReadOnlySpan<byte> buffer, int start)
    {
        var quoted = false;
        var fields = false;
        var equals = 0;
        var commas = 0;
        var i = start;
        while (i < buffer.Length)
        {
            var b = buffer[i];
            if (b == (byte)'\\' && i + 2 < buffer.Length)
            {
                i += 2;
                continue;
            }

            if (b == (byte)' ')
            {
                fields = true;
            }

            if (fields)
            {
                if (!quoted && b == (byte)'=')
                {
                    i++;
                    equals++;
                    continue;
                }

                if (!quoted && b == (byte)',')
                {
                    i++;
                    commas++;
                    continue;
                }

                if (b == (byte)'"' && equals > commas)
                {
                    i++;
                    quoted = !quoted;
                    continue;
                }
            }

            if (b == (byte)'\n' && !quoted)
            {
                break;
            }

            i++;
        }

        return i;
    }

    private static Failure TryParseLine(ReadOnlySpan<byte> line, int start, LineProtocolPrecision precision, DateTime defaultTime, int number, out LineProtocolPoint? point)
    {
        point = null;
        var invalid = FirstInvalidUtf8(line);
        if (invalid >= 0)
        {
            return new Failure(invalid, "invalid UTF-8");
        }

        // Measurement.
        var i = ScanName(line, start, stopAtEquals: false);
        if (i == start)
        {
            return new Failure(start, "missing measurement");
        }

        var measurement = Unescape(line[start..i], Escapes.Measurement);

        // Tag set.
        var tagSetStart = i;
        List<LineProtocolTag>? tags = null;
        while (i < line.Length && line[i] == (byte)',')
        {
            i++;
            var keyStart = i;
            i = ScanName(line, i, stopAtEquals: true);
            if (i == keyStart)
            {
                return new Failure(keyStart, "missing tag key");
            }

            if (i >= line.Length || line[i] != (byte)'=')
            {
                return new Failure(i, "missing tag value");
            }

            var key = Unescape(line[keyStart..i], Escapes.Name);
            var valueStart = ++i;
            i = ScanName(line, i, stopAtEquals: true);
            if (i < line.Length && line[i] == (byte)'=')
            {
                return new Failure(i, "invalid tag format: an unescaped '=' in a tag value");
            }

            if (i == valueStart)
            {
                return new Failure(valueStart, "missing tag value");
            }

            tags ??= new List<LineProtocolTag>(4);
            if (tags.Count == MaxTags)
            {
                return new Failure(keyStart, $"too many tags: at most {MaxTags} (the measurement and the tag values form an asset path of at most {AssetPath.MaxDepth} segments)");
            }

            tags.Add(new LineProtocolTag(key, Unescape(line[valueStart..i], Escapes.Name)));
        }

        if (tags is not null)
        {
            tags.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            for (var t = 1; t < tags.Count; t++)
            {
                if (string.Equals(tags[t - 1].Key, tags[t].Key, StringComparison.Ordinal))
                {
                    return new Failure(tagSetStart, $"duplicate tags: '{tags[t].Key}'");
                }
            }
        }

        if (i >= line.Length)
        {
            return new Failure(i, "missing fields");
        }

        // Field set, after one or more spaces.
        i = SkipSpaces(line, i);
        if (i >= line.Length)
        {
            return new Failure(i, "missing fields");
        }

        var fields = new List<LineProtocolField>(4);
        while (true)
        {
            var keyStart = i;
            i = ScanName(line, i, stopAtEquals: true);
            if (i == keyStart)
            {
                return new Failure(keyStart, "missing field key");
            }

            if (i >= line.Length || line[i] != (byte)'=')
            {
                return new Failure(i, "missing field value");
            }

            var key = Unescape(line[keyStart..i], Escapes.Name);
            if (!TagPath.IsValidTagName(key, out var keyError))
            {
                return new Failure(keyStart, "invalid field key: " + keyError);
            }

            foreach (var existing in fields)
            {
                if (string.Equals(existing.Key, key, StringComparison.Ordinal))
                {
                    return new Failure(keyStart, $"duplicate field key '{key}'");
                }
            }

            i++;
            var failure = ParseFieldValue(line, ref i, key, out var field);
            if (failure.Reason is not null)
            {
                return failure;
            }

            fields.Add(field);
            if (i >= line.Length || line[i] == (byte)' ')
            {
                break;
            }

            if (line[i] != (byte)',')
            {
                return new Failure(i, "invalid field format: expected ',' or ' ' after a field value");
            }

            i++;
        }

        // Timestamp.
        var timestamp = defaultTime;
        i = SkipSpaces(line, i);
        if (i < line.Length)
        {
            var text = line[i..].TrimEnd((byte)' ');
            if (!IsInteger(text, allowMinus: true)
                || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return new Failure(i, "bad timestamp");
            }

            if (!TryConvertTimestamp(value, precision, out timestamp))
            {
                return new Failure(i, "time outside range");
            }
        }

        point = new LineProtocolPoint(measurement, (IReadOnlyList<LineProtocolTag>?)tags ?? [], fields, timestamp) { Line = number };
        return default;
    }

    private static Failure ParseFieldValue(ReadOnlySpan<byte> line, ref int i, string key, out LineProtocolField field)
    {
        field = default;
        if (i >= line.Length || line[i] is (byte)' ' or (byte)',')
        {
            return new Failure(i, "missing field value");
        }

        if (line[i] == (byte)'"')
        {
            var open = i;
            var j = i + 1;
            while (j < line.Length && line[j] != (byte)'"')
            {
                j += line[j] == (byte)'\\' && j + 1 < line.Length && line[j + 1] is (byte)'"' or (byte)'\\' ? 2 : 1;
            }

            if (j >= line.Length)
            {
                return new Failure(open, "unbalanced quotes");
            }

            field = new LineProtocolField(key, LineProtocolFieldType.String, SampleValue.FromString(Unescape(line[(open + 1)..j], Escapes.String)));
            i = j + 1;
            return default;
        }

        var start = i;
        while (i < line.Length && line[i] is not ((byte)' ' or (byte)','))
        {
            i++;
        }

        var token = line[start..i];
        if (TryParseBoolean(token, out var flag))
        {
            field = new LineProtocolField(key, LineProtocolFieldType.Boolean, SampleValue.FromBool(flag));
            return default;
        }

        if (char.IsAsciiLetter((char)token[0]))
        {
            return new Failure(start, "invalid boolean");
        }

        switch (token[^1])
        {
            case (byte)'i':
                if (!IsInteger(token[..^1], allowMinus: true))
                {
                    return new Failure(start, "invalid integer");
                }

                if (!long.TryParse(token[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return new Failure(start, "value out of range");
                }

                field = new LineProtocolField(key, LineProtocolFieldType.Integer, SampleValue.FromLong(integer));
                return default;
            case (byte)'u':
                if (!IsInteger(token[..^1], allowMinus: false))
                {
                    return new Failure(start, "invalid unsigned integer");
                }

                if (!ulong.TryParse(token[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
                {
                    return new Failure(start, "value out of range");
                }

                field = new LineProtocolField(
                    key,
                    LineProtocolFieldType.Unsigned,
                    unsigned <= long.MaxValue ? SampleValue.FromLong((long)unsigned) : SampleValue.FromDouble(unsigned));
                return default;
            default:
                if (!IsFloat(token))
                {
                    return new Failure(start, "invalid number");
                }

                if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    return new Failure(start, "value out of range");
                }

                field = new LineProtocolField(key, LineProtocolFieldType.Float, SampleValue.FromDouble(number));
                return default;
        }
    }

    private static bool TryParseBoolean(ReadOnlySpan<byte> token, out bool value)
    {
        if (token.SequenceEqual("t"u8) || token.SequenceEqual("T"u8) || token.SequenceEqual("true"u8) || token.SequenceEqual("True"u8) || token.SequenceEqual("TRUE"u8))
        {
            value = true;
            return true;
        }

        value = false;
        return token.SequenceEqual("f"u8) || token.SequenceEqual("F"u8) || token.SequenceEqual("false"u8) || token.SequenceEqual("False"u8) || token.SequenceEqual("FALSE"u8);
    }

    /// <summary><c>-?[0-9]+</c>.</summary>
    private static bool IsInteger(ReadOnlySpan<byte> text, bool allowMinus)
    {
        if (allowMinus && text.Length > 0 && text[0] == (byte)'-')
        {
            text = text[1..];
        }

        return text.Length > 0 && !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    /// <summary><c>-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?</c>: no signs but these, no NaN, no infinity.</summary>
    private static bool IsFloat(ReadOnlySpan<byte> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == (byte)'-')
        {
            i++;
        }

        var digits = CountDigits(text, ref i);
        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            digits += CountDigits(text, ref i);
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int CountDigits(ReadOnlySpan<byte> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            i++;
        }

        return i - start;
    }

    /// <summary>The end of a measurement, key or tag value: the first unescaped ',' or ' ' (or '=' when asked).</summary>
    private static int ScanName(ReadOnlySpan<byte> line, int i, bool stopAtEquals)
    {
        while (i < line.Length)
        {
            var b = line[i];
            if (b == (byte)'\\' && i + 1 < line.Length)
            {
                i += 2;
                continue;
            }

            if (b is (byte)',' or (byte)' ' || (stopAtEquals && b == (byte)'='))
            {
                break;
            }

            i++;
        }

        return Math.Min(i, line.Length);
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    private static int SkipSpaces(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && line[i] == (byte)' ')
        {
            i++;
        }

        return i;
    }

    /// <summary>Decodes a name or string value, removing the backslashes of the escapes its element knows.</summary>
    private static string Unescape(ReadOnlySpan<byte> raw, Escapes escapes)
    {
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(raw);
        }

        byte[]? rented = null;
        var buffer = raw.Length <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == (byte)'\\' && i + 1 < raw.Length && IsEscapable(raw[i + 1], escapes))
                {
                    i++;
                }

                buffer[length++] = raw[i];
            }

            return Encoding.UTF8.GetString(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool IsEscapable(byte b, Escapes escapes) => escapes switch
    {
        Escapes.Measurement => b is (byte)',' or (byte)' ',
        Escapes.Name => b is (byte)',' or (byte)'=' or (byte)' ',
        _ => b is (byte)'"' or (byte)'\\',
    };

    /// <summary>The index of the first byte that is not valid UTF-8, or -1.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> line)
    {
        if (System.Text.Ascii.IsValid(line))
        {
            return -1;
        }

        var i = 0;
        while (i < line.Length)
        {
            if (Rune.DecodeFromUtf8(line[i..], out _, out var consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return -1;
    }

    private static string Describe(ReadOnlySpan<byte> line)
    {
        var bytes = line[..Math.Min(line.Length, LineProtocolError.MaxTextLength * 4)];
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > LineProtocolError.MaxTextLength || bytes.Length < line.Length
            ? string.Concat(text.AsSpan(0, Math.Min(text.Length, LineProtocolError.MaxTextLength)), "...")
            : text;
    }

    private static long NanosecondsPer(LineProtocolPrecision precision) => precision switch
    {
        LineProtocolPrecision.Microseconds => 1_000,
        LineProtocolPrecision.Milliseconds => 1_000_000,
        LineProtocolPrecision.Seconds => 1_000_000_000,
        LineProtocolPrecision.Minutes => 60_000_000_000,
        LineProtocolPrecision.Hours => 3_600_000_000_000,
        _ => 1,
    };

    private static DateTime Truncate(DateTime utc, LineProtocolPrecision precision)
    {
        var unit = Math.Max(1, NanosecondsPer(precision) / 100);
        return new DateTime(utc.Ticks - (utc.Ticks % unit), DateTimeKind.Utc);
    }

    private enum Escapes
    {
        Measurement,
        Name,
        String,
    }

    /// <summary>Where (0-based column) and why a line failed; the default means success.</summary>
    private readonly record struct Failure(int Column, string? Reason);
}
