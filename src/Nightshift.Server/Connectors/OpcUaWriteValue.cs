using System.Globalization;
using Nightshift.Connectivity.OpcUa.Types;
using Nightshift.Core.Samples;

namespace Nightshift.Server.Connectors;

/// <summary>Turns a command's value into the variant of a variable's data type for OPC UA Write.</summary>
public static class OpcUaWriteValue
{
    /// <exception cref="ArgumentException">The value does not fit the type (out of range, not a number, or a type Nightshift does not write).</exception>
    public static Variant ToVariant(SampleValue value, BuiltInType type)
    {
        try
        {
            return type switch
            {
                BuiltInType.Boolean => Variant.From(value.AsBool()),
                BuiltInType.SByte => Variant.From(checked((sbyte)Whole(value))),
                BuiltInType.Byte => Variant.From(checked((byte)Whole(value))),
                BuiltInType.Int16 => Variant.From(checked((short)Whole(value))),
                BuiltInType.UInt16 => Variant.From(checked((ushort)Whole(value))),
                BuiltInType.Int32 => Variant.From(checked((int)Whole(value))),
                BuiltInType.UInt32 => Variant.From(checked((uint)Whole(value))),
                BuiltInType.Int64 => Variant.From(Whole(value)),
                BuiltInType.UInt64 => Variant.From(checked((ulong)Whole(value))),
                BuiltInType.Float => Variant.From((float)value.AsDouble()),
                BuiltInType.Double => Variant.From(value.AsDouble()),
                BuiltInType.String => Variant.From(value.Kind == ValueKind.String ? value.AsString() : Convert.ToString(value.ToObject(), CultureInfo.InvariantCulture)),
                _ => throw new ArgumentException($"writing {type} variables is not supported", nameof(type)),
            };
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException or InvalidOperationException)
        {
            throw new ArgumentException($"{value} does not fit a {type} variable", nameof(value), ex);
        }
    }

    private static long Whole(SampleValue value)
    {
        var number = value.AsDouble();
        return number == Math.Floor(number) && double.IsFinite(number)
            ? checked((long)number)
            : throw new ArgumentException($"{value} is not a whole number", nameof(value));
    }
}
