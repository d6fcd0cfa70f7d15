using System.Buffers;
using Google.Protobuf;
using Nightshift.Connectivity.Sparkplug.Protobuf;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// Decodes and encodes Sparkplug B 3.0 payloads (protobuf, <c>sparkplug_b.proto</c>). Pure: no I/O, no state.
/// Every scalar type is carried (see <see cref="SparkplugMetric"/> for the mapping); DataSet, Template, Bytes, File,
/// PropertySet and array metrics are skipped and counted in <see cref="SparkplugPayload.SkippedMetrics"/>.
/// Thread-safe. Decoding throws only <see cref="SparkplugFormatException"/>, with the reason in its message.
/// </summary>
public static class SparkplugPayloadCodec
{
    /// <summary>The metric property that carries the engineering unit.</summary>
    public const string UnitProperty = "engUnit";

    /// <summary>Decodes a payload held in one span.</summary>
    /// <exception cref="SparkplugFormatException">The bytes are not a valid Sparkplug B payload.</exception>
    public static SparkplugPayload Decode(ReadOnlySpan<byte> payload)
    {
        Payload message;
        try
        {
            message = Payload.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new SparkplugFormatException($"not a Sparkplug B protobuf payload: {ex.Message}", ex);
        }

        return Convert(message);
    }

    /// <summary>Decodes a payload held in a sequence of segments (as MQTTnet delivers it), without copying.</summary>
    /// <exception cref="SparkplugFormatException">The bytes are not a valid Sparkplug B payload.</exception>
    public static SparkplugPayload Decode(ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            return Decode(payload.FirstSpan);
        }

        Payload message;
        try
        {
            message = Payload.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new SparkplugFormatException($"not a Sparkplug B protobuf payload: {ex.Message}", ex);
        }

        return Convert(message);
    }

    /// <summary>Encodes <paramref name="payload"/> into <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">A metric's value cannot be carried by its data type.</exception>
    public static void Encode(SparkplugPayload payload, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(writer);
        ToProtobuf(payload).WriteTo(writer);
    }

    /// <summary>Encodes <paramref name="payload"/> into a new array.</summary>
    public static byte[] Encode(SparkplugPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return ToProtobuf(payload).ToByteArray();
    }

    private static SparkplugPayload Convert(Payload message)
    {
        var metrics = new List<SparkplugMetric>(message.Metrics.Count);
        var skipped = 0;
        foreach (var metric in message.Metrics)
        {
            var converted = ConvertMetric(metric);
            if (converted is null)
            {
                skipped++;
            }
            else
            {
                metrics.Add(converted);
            }
        }

        DateTime? timestamp = message.HasTimestamp ? Timestamp(message.Timestamp, "payload") : null;
        ulong? seq = message.HasSeq ? message.Seq : null;
        if (seq > 255)
        {
            throw new SparkplugFormatException($"seq {seq} is outside 0..255");
        }

        return new SparkplugPayload(timestamp, seq, metrics) { SkippedMetrics = skipped };
    }

    private static SparkplugMetric? ConvertMetric(Payload.Types.Metric metric)
    {
        var type = metric.HasDatatype ? (SparkplugDataType)metric.Datatype : SparkplugDataType.Unknown;
        if (type != SparkplugDataType.Unknown && !SparkplugValues.IsSupportedScalar(type))
        {
            return null;
        }

        var name = metric.HasName ? metric.Name : null;
        ulong? alias = metric.HasAlias ? metric.Alias : null;
        if (name is null && alias is null)
        {
            throw new SparkplugFormatException("a metric has neither a name nor an alias");
        }

        SampleValue raw;
        switch (metric.ValueCase)
        {
            case Payload.Types.Metric.ValueOneofCase.IntValue:
                raw = SampleValue.FromLong(metric.IntValue);
                break;
            case Payload.Types.Metric.ValueOneofCase.LongValue:
                raw = SampleValue.FromLong(unchecked((long)metric.LongValue));
                break;
            case Payload.Types.Metric.ValueOneofCase.FloatValue:
                raw = SampleValue.FromDouble(metric.FloatValue);
                break;
            case Payload.Types.Metric.ValueOneofCase.DoubleValue:
                raw = SampleValue.FromDouble(metric.DoubleValue);
                break;
            case Payload.Types.Metric.ValueOneofCase.BooleanValue:
                raw = SampleValue.FromBool(metric.BooleanValue);
                break;
            case Payload.Types.Metric.ValueOneofCase.StringValue:
                raw = SampleValue.FromString(metric.StringValue);
                break;
            case Payload.Types.Metric.ValueOneofCase.None:
                raw = SampleValue.None;
                break;
            default:
                // bytes, dataset, template or extension: not a scalar Nightshift carries.
                return null;
        }

        if (raw.Kind != ValueKind.None && type != SparkplugDataType.Unknown)
        {
            CheckValueField(metric, type, metric.ValueCase);
        }

        var isNull = (metric.HasIsNull && metric.IsNull) || raw.Kind == ValueKind.None;
        var value = isNull ? SampleValue.None : SparkplugValues.FromRaw(type, raw);
        return new SparkplugMetric(name, type, value)
        {
            Alias = alias,
            Timestamp = metric.HasTimestamp ? Timestamp(metric.Timestamp, "metric") : null,
            IsNull = isNull,
            Unit = ReadUnit(metric),
        };
    }

    private static void CheckValueField(Payload.Types.Metric metric, SparkplugDataType type, Payload.Types.Metric.ValueOneofCase field)
    {
        var ok = type switch
        {
            SparkplugDataType.Int8 or SparkplugDataType.Int16 or SparkplugDataType.Int32
                or SparkplugDataType.UInt8 or SparkplugDataType.UInt16 or SparkplugDataType.UInt32
                or SparkplugDataType.Int64 or SparkplugDataType.UInt64 or SparkplugDataType.DateTime =>
                field is Payload.Types.Metric.ValueOneofCase.IntValue or Payload.Types.Metric.ValueOneofCase.LongValue,
            SparkplugDataType.Float or SparkplugDataType.Double =>
                field is Payload.Types.Metric.ValueOneofCase.FloatValue or Payload.Types.Metric.ValueOneofCase.DoubleValue,
            SparkplugDataType.Boolean => field is Payload.Types.Metric.ValueOneofCase.BooleanValue,
            _ => field is Payload.Types.Metric.ValueOneofCase.StringValue,
        };
        if (!ok)
        {
            var label = metric.HasName ? $"'{metric.Name}'" : $"alias {metric.Alias}";
            throw new SparkplugFormatException($"metric {label} of type {type} carries its value in {field}");
        }
    }

    private static string? ReadUnit(Payload.Types.Metric metric)
    {
        if (metric.Properties is not { } properties)
        {
            return null;
        }

        var count = Math.Min(properties.Keys.Count, properties.Values.Count);
        for (var i = 0; i < count; i++)
        {
            if (properties.Keys[i] == UnitProperty
                && properties.Values[i].ValueCase == Payload.Types.PropertyValue.ValueOneofCase.StringValue)
            {
                return properties.Values[i].StringValue;
            }
        }

        return null;
    }

    private static DateTime Timestamp(ulong milliseconds, string what)
    {
        if (milliseconds > SparkplugValues.MaxEpochMilliseconds)
        {
            throw new SparkplugFormatException($"{what} timestamp {milliseconds} ms is beyond year 9999");
        }

        return SparkplugValues.FromEpochMilliseconds(milliseconds);
    }

    private static Payload ToProtobuf(SparkplugPayload payload)
    {
        var message = new Payload();
        if (payload.Timestamp is { } timestamp)
        {
            message.Timestamp = SparkplugValues.ToEpochMilliseconds(timestamp);
        }

        if (payload.Seq is { } seq)
        {
            message.Seq = seq;
        }

        foreach (var metric in payload.Metrics)
        {
            message.Metrics.Add(ToProtobuf(metric));
        }

        return message;
    }

    private static Payload.Types.Metric ToProtobuf(SparkplugMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var result = new Payload.Types.Metric();
        if (metric.Name is not null)
        {
            result.Name = metric.Name;
        }

        if (metric.Alias is { } alias)
        {
            result.Alias = alias;
        }

        if (metric.Timestamp is { } timestamp)
        {
            result.Timestamp = SparkplugValues.ToEpochMilliseconds(timestamp);
        }

        var type = metric.DataType == SparkplugDataType.Unknown ? SparkplugValues.Infer(metric.Value) : metric.DataType;
        if (type != SparkplugDataType.Unknown)
        {
            result.Datatype = (uint)type;
        }

        if (metric.Unit is not null)
        {
            result.Properties = new Payload.Types.PropertySet();
            result.Properties.Keys.Add(UnitProperty);
            result.Properties.Values.Add(new Payload.Types.PropertyValue
            {
                Type = (uint)SparkplugDataType.String,
                StringValue = metric.Unit,
            });
        }

        if (metric.IsNull || metric.Value.Kind == ValueKind.None)
        {
            result.IsNull = true;
            return result;
        }

        SetValue(result, type, metric.Value);
        return result;
    }

    private static void SetValue(Payload.Types.Metric result, SparkplugDataType type, SampleValue value)
    {
        switch (type)
        {
            case SparkplugDataType.Int8:
            case SparkplugDataType.Int16:
            case SparkplugDataType.Int32:
                // Two's complement of the 32-bit value in the unsigned field.
                result.IntValue = unchecked((uint)(int)value.AsLong());
                break;
            case SparkplugDataType.UInt8:
            case SparkplugDataType.UInt16:
            case SparkplugDataType.UInt32:
                result.IntValue = unchecked((uint)value.AsLong());
                break;
            case SparkplugDataType.Int64:
            case SparkplugDataType.DateTime:
                result.LongValue = unchecked((ulong)value.AsLong());
                break;
            case SparkplugDataType.UInt64:
                result.LongValue = value.Kind == ValueKind.Double ? (ulong)value.AsDouble() : unchecked((ulong)value.AsLong());
                break;
            case SparkplugDataType.Float:
                result.FloatValue = (float)value.AsDouble();
                break;
            case SparkplugDataType.Double:
                result.DoubleValue = value.AsDouble();
                break;
            case SparkplugDataType.Boolean:
                result.BooleanValue = value.AsBool();
                break;
            case SparkplugDataType.String:
            case SparkplugDataType.Text:
            case SparkplugDataType.Uuid:
                result.StringValue = value.ToString();
                break;
            default:
                throw new ArgumentException($"metric data type {type} is not a scalar Nightshift can encode", nameof(type));
        }
    }
}
