using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Json;

/// <summary>
/// The plain JSON device protocol over MQTT. Topic <c>nightshift/json/{device}</c>, where {device} is 1 to 8
/// '/'-separated non-empty segments, maps to the source address <c>json/{device}</c>. Payload:
/// <code>{"timestamp":"2026-01-01T08:00:00Z","values":{"temperature":21.5,"running":true,"mode":"auto","count":12,
///   "pressure":{"value":2.1,"timestamp":"2026-01-01T07:59:59.5Z","quality":"uncertain"}}}</code>
/// Timestamps are ISO-8601 with 'Z' or an offset, parsed invariantly; a missing one means the receive time, an
/// unparseable one is an error. Integers become long, other numbers double. Pure, stateless and thread-safe;
/// decoding throws only <see cref="JsonDeviceFormatException"/>.
/// </summary>
public static class JsonDeviceCodec
{
    public const string TopicPrefix = "nightshift/json/";
    public const string SourcePrefix = "json/";
    public const int MaxDeviceSegments = 8;

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>Maps a topic to its source address; on failure <paramref name="error"/> says what is wrong. Never throws.</summary>
    public static bool TryParseTopic(string? topic, out string source, [NotNullWhen(false)] out string? error)
    {
        source = string.Empty;
        if (topic is null || !topic.StartsWith(TopicPrefix, StringComparison.Ordinal))
        {
            error = $"a JSON device topic starts with '{TopicPrefix}'";
            return false;
        }

        var device = topic.AsSpan(TopicPrefix.Length);
        if (device.IsEmpty)
        {
            error = $"the topic names no device: '{TopicPrefix}{{device}}'";
            return false;
        }

        var segments = 0;
        foreach (var range in device.Split('/'))
        {
            segments++;
            var segment = device[range];
            if (segment.IsEmpty)
            {
                error = $"segment {segments} of the device in '{topic}' is empty";
                return false;
            }

            if (segment.IndexOfAny('+', '#') >= 0)
            {
                error = $"the device in '{topic}' contains a wildcard";
                return false;
            }
        }

        if (segments > MaxDeviceSegments)
        {
            error = $"the device in '{topic}' has {segments} segments; at most {MaxDeviceSegments} are allowed";
            return false;
        }

        source = string.Concat(SourcePrefix, device);
        error = null;
        return true;
    }

    /// <summary>Decodes a payload held in a sequence (as MQTTnet delivers it).</summary>
    /// <param name="utf8">The UTF-8 JSON payload.</param>
    /// <param name="receivedAt">The receive time (UTC), used for values without a timestamp.</param>
    /// <exception cref="JsonDeviceFormatException">Not valid JSON, or not the expected shape.</exception>
    public static IReadOnlyList<SourcePoint> Decode(ReadOnlySequence<byte> utf8, DateTime receivedAt)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
        return Decode(ref reader, receivedAt);
    }

    /// <summary>Decodes a payload held in one span.</summary>
    /// <param name="utf8">The UTF-8 JSON payload.</param>
    /// <param name="receivedAt">The receive time (UTC), used for values without a timestamp.</param>
    /// <exception cref="JsonDeviceFormatException">Not valid JSON, or not the expected shape.</exception>
    public static IReadOnlyList<SourcePoint> Decode(ReadOnlySpan<byte> utf8, DateTime receivedAt)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
        return Decode(ref reader, receivedAt);
    }

    /// <summary>Parses an ISO-8601 timestamp with 'Z' or an offset into UTC.</summary>
    public static bool TryParseTimestamp(string? text, out DateTime utc)
    {
        if (text is not null
            && DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

    private static List<SourcePoint> Decode(ref Utf8JsonReader reader, DateTime receivedAt)
    {
        try
        {
            return DecodeDocument(ref reader, receivedAt);
        }
        catch (JsonException ex)
        {
            throw new JsonDeviceFormatException($"invalid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader.GetString throws this for a string that is not valid UTF-8.
            throw new JsonDeviceFormatException($"invalid JSON text: {ex.Message}", ex);
        }
    }

    private static List<SourcePoint> DecodeDocument(ref Utf8JsonReader reader, DateTime receivedAt)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonDeviceFormatException("the payload must be a JSON object {\"timestamp\":..., \"values\":{...}}");
        }

        DateTime? timestamp = null;
        List<SourcePoint>? points = null;
        List<bool>? ownTimestamp = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("timestamp"u8))
            {
                Next(ref reader);
                timestamp = ReadTimestamp(ref reader, "timestamp");
            }
            else if (reader.ValueTextEquals("values"u8))
            {
                if (points is not null)
                {
                    throw new JsonDeviceFormatException("'values' appears twice");
                }

                Next(ref reader);
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new JsonDeviceFormatException("'values' must be an object of name: value");
                }

                points = [];
                ownTimestamp = [];
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    if (string.IsNullOrEmpty(name))
                    {
                        throw new JsonDeviceFormatException("a value has an empty name");
                    }

                    Next(ref reader);
                    var (point, hasTimestamp) = ReadValue(ref reader, name);
                    points.Add(point);
                    ownTimestamp.Add(hasTimestamp);
                }
            }
            else
            {
                throw new JsonDeviceFormatException($"unknown property '{reader.GetString()}'; expected 'timestamp' and 'values'");
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonDeviceFormatException("the payload object is not closed");
        }

        if (reader.Read())
        {
            throw new JsonDeviceFormatException("data follows the payload object");
        }

        if (points is null)
        {
            throw new JsonDeviceFormatException("the payload has no 'values' object");
        }

        var time = timestamp ?? receivedAt;
        for (var i = 0; i < points.Count; i++)
        {
            if (!ownTimestamp![i])
            {
                points[i] = points[i] with { Timestamp = time };
            }
        }

        return points;
    }

    private static (SourcePoint Point, bool HasTimestamp) ReadValue(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (new SourcePoint(name, default, ReadScalar(ref reader, name), Quality.Good), false);
        }

        SampleValue? value = null;
        DateTime? timestamp = null;
        var quality = Quality.Good;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                Next(ref reader);
                value = ReadScalar(ref reader, name);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                Next(ref reader);
                timestamp = ReadTimestamp(ref reader, $"timestamp of '{name}'");
            }
            else if (reader.ValueTextEquals("quality"u8))
            {
                Next(ref reader);
                quality = ReadQuality(ref reader, name);
            }
            else
            {
                throw new JsonDeviceFormatException($"unknown property '{reader.GetString()}' in '{name}'; expected 'value', 'timestamp' and 'quality'");
            }
        }

        if (value is null)
        {
            throw new JsonDeviceFormatException($"'{name}' has no 'value'");
        }

        return (new SourcePoint(name, timestamp ?? default, value.Value, quality), timestamp is not null);
    }

    private static SampleValue ReadScalar(ref Utf8JsonReader reader, string name) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt64(out var l) => SampleValue.FromLong(l),
        JsonTokenType.Number when reader.TryGetDouble(out var d) && double.IsFinite(d) => SampleValue.FromDouble(d),
        JsonTokenType.Number => throw new JsonDeviceFormatException($"the number of '{name}' is out of range"),
        JsonTokenType.True => SampleValue.FromBool(true),
        JsonTokenType.False => SampleValue.FromBool(false),
        JsonTokenType.String => SampleValue.FromString(reader.GetString()!),
        JsonTokenType.Null => throw new JsonDeviceFormatException($"'{name}' is null; send {{\"value\":..., \"quality\":\"bad\"}} for a bad value"),
        _ => throw new JsonDeviceFormatException($"'{name}' must be a number, true, false, a string or an object {{\"value\",\"timestamp\",\"quality\"}}"),
    };

    private static DateTime ReadTimestamp(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonDeviceFormatException($"{what} must be an ISO-8601 string such as \"2026-01-01T08:00:00Z\"");
        }

        var text = reader.GetString();
        return TryParseTimestamp(text, out var utc)
            ? utc
            : throw new JsonDeviceFormatException($"{what} '{text}' is not an ISO-8601 time with 'Z' or an offset, e.g. \"2026-01-01T08:00:00.250Z\"");
    }

    private static Quality ReadQuality(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("good"u8))
            {
                return Quality.Good;
            }

            if (reader.ValueTextEquals("uncertain"u8))
            {
                return Quality.Uncertain;
            }

            if (reader.ValueTextEquals("bad"u8))
            {
                return Quality.Bad;
            }
        }

        throw new JsonDeviceFormatException($"the quality of '{name}' must be \"good\", \"uncertain\" or \"bad\"");
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonDeviceFormatException("the payload ends too early");
}
