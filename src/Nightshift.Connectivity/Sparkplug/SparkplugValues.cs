using Nightshift.Core.Assets;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// Conversions between Sparkplug data types and <see cref="SampleValue"/>.
/// Design note: the protobuf carries every integer in an unsigned field (<c>int_value</c> uint32 or
/// <c>long_value</c> uint64); signed values are their two's complement. A value decoded before its type is known
/// (a data message that omits the datatype) is kept "raw": the field's bits as a long. <see cref="FromRaw"/> then
/// reinterprets those bits once the type from the birth is known, taking only the low bits that the type owns,
/// which accepts both the sign-extended and the zero-extended encodings found in the field.
/// </summary>
internal static class SparkplugValues
{
    /// <summary>The largest millisecond count a <see cref="DateTime"/> can hold after the Unix epoch.</summary>
    public const long MaxEpochMilliseconds = 253_402_300_799_999;

    public static bool IsSupportedScalar(SparkplugDataType type) =>
        type is >= SparkplugDataType.Int8 and <= SparkplugDataType.Uuid;

    /// <summary>Reinterprets a raw value (field bits as long, float/double as double, bool, string) as <paramref name="type"/>.</summary>
    public static SampleValue FromRaw(SparkplugDataType type, SampleValue raw)
    {
        if (raw.Kind == ValueKind.None)
        {
            return raw;
        }

        return type switch
        {
            SparkplugDataType.Int8 => SampleValue.FromLong(unchecked((sbyte)raw.AsLong())),
            SparkplugDataType.Int16 => SampleValue.FromLong(unchecked((short)raw.AsLong())),
            SparkplugDataType.Int32 => SampleValue.FromLong(unchecked((int)raw.AsLong())),
            SparkplugDataType.Int64 or SparkplugDataType.DateTime => SampleValue.FromLong(raw.AsLong()),
            SparkplugDataType.UInt8 => SampleValue.FromLong(unchecked((byte)raw.AsLong())),
            SparkplugDataType.UInt16 => SampleValue.FromLong(unchecked((ushort)raw.AsLong())),
            SparkplugDataType.UInt32 => SampleValue.FromLong(unchecked((uint)raw.AsLong())),
            SparkplugDataType.UInt64 => raw.Kind == ValueKind.Double ? raw : FromUInt64(unchecked((ulong)raw.AsLong())),
            SparkplugDataType.Float or SparkplugDataType.Double => SampleValue.FromDouble(raw.AsDouble()),
            SparkplugDataType.Boolean => SampleValue.FromBool(raw.AsBool()),
            SparkplugDataType.String or SparkplugDataType.Text or SparkplugDataType.Uuid =>
                raw.Kind == ValueKind.String ? raw : SampleValue.FromString(raw.ToString()),
            _ => raw,
        };
    }

    public static SampleValue FromUInt64(ulong value) =>
        value <= long.MaxValue ? SampleValue.FromLong((long)value) : SampleValue.FromDouble(value);

    /// <summary>The Nightshift tag data type for a Sparkplug scalar type.</summary>
    public static TagDataType ToTagDataType(SparkplugDataType type) => type switch
    {
        SparkplugDataType.Float or SparkplugDataType.Double or SparkplugDataType.UInt64 => TagDataType.Double,
        SparkplugDataType.Boolean => TagDataType.Bool,
        SparkplugDataType.String or SparkplugDataType.Text or SparkplugDataType.Uuid => TagDataType.String,
        _ => TagDataType.Long,
    };

    /// <summary>The Sparkplug type to announce for a value whose type was not given.</summary>
    public static SparkplugDataType Infer(SampleValue value) => value.Kind switch
    {
        ValueKind.Double => SparkplugDataType.Double,
        ValueKind.Long => SparkplugDataType.Int64,
        ValueKind.Bool => SparkplugDataType.Boolean,
        ValueKind.String => SparkplugDataType.String,
        _ => SparkplugDataType.Unknown,
    };

    public static DateTime FromEpochMilliseconds(ulong milliseconds) =>
        DateTime.UnixEpoch.AddMilliseconds(milliseconds);

    public static ulong ToEpochMilliseconds(DateTime timestamp)
    {
        var utc = timestamp.Kind == DateTimeKind.Local ? timestamp.ToUniversalTime() : timestamp;
        var ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        return ticks <= 0 ? 0 : (ulong)(ticks / TimeSpan.TicksPerMillisecond);
    }
}
