using System.Collections;
using System.Globalization;
using System.Text;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// A value of any built-in type, a one-dimensional array of one, or a multi-dimensional array (Part 6, 5.2.2.16).
/// A scalar is held as its CLR type (bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, string,
/// <see cref="DateTime"/> UTC, <see cref="System.Guid"/>, byte[] for ByteString, string for XmlElement, <see cref="NodeId"/>,
/// <see cref="ExpandedNodeId"/>, <see cref="StatusCode"/>, <see cref="QualifiedName"/>, <see cref="LocalizedText"/>,
/// <see cref="ExtensionObject"/>, <see cref="DataValue"/>, <see cref="DiagnosticInfo"/>); an array as a one-dimensional
/// CLR array of that type (<see cref="Variant"/>[] for arrays of variants), with <see cref="Dimensions"/> for a matrix
/// (row-major, the last index varying fastest). Immutable and thread-safe.
/// </summary>
public readonly struct Variant : IEquatable<Variant>
{
    private readonly int[]? _dimensions;

    private Variant(BuiltInType type, object? value, bool isArray, int[]? dimensions)
    {
        Type = type;
        Value = value;
        IsArray = isArray;
        _dimensions = dimensions;
    }

    /// <summary>The empty variant.</summary>
    public static Variant Null => default;

    public BuiltInType Type { get; }

    /// <summary>The scalar, or the flat CLR array; null for <see cref="Null"/> and for a null string or byte string.</summary>
    public object? Value { get; }

    public bool IsArray { get; }

    /// <summary>The lengths of the dimensions of a multi-dimensional array; empty for scalars and one-dimensional arrays.</summary>
    public ReadOnlyMemory<int> Dimensions => _dimensions;

    public bool IsNull => Type == BuiltInType.Null;

    /// <summary>A scalar of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not of the CLR type of <paramref name="type"/>.</exception>
    public static Variant Scalar(BuiltInType type, object? value)
    {
        if (type == BuiltInType.Null)
        {
            return default;
        }

        var clr = ClrType(type);
        if (value is null ? !AllowsNull(type) : value.GetType() != clr)
        {
            throw new ArgumentException($"A {type} variant holds a {clr.Name}, not {value?.GetType().Name ?? "null"}.", nameof(value));
        }

        return new Variant(type, value, false, null);
    }

    /// <summary>An array of <paramref name="type"/>: a one-dimensional CLR array of its CLR type, with the dimensions of a matrix.</summary>
    /// <exception cref="ArgumentException">The array's element type does not match, or the dimensions do not multiply to its length.</exception>
    public static Variant Array(BuiltInType type, Array values, ReadOnlySpan<int> dimensions = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (type == BuiltInType.Null || values.Rank != 1 || values.GetType().GetElementType() != ClrType(type))
        {
            throw new ArgumentException($"A {type} array variant holds a {ClrType(type).Name}[].", nameof(values));
        }

        if (!dimensions.IsEmpty)
        {
            long product = 1;
            foreach (var length in dimensions)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(length, nameof(dimensions));
                product *= length;
            }

            if (product != values.Length)
            {
                throw new ArgumentException($"Dimensions multiplying to {product} do not fit an array of {values.Length}.", nameof(dimensions));
            }
        }

        return new Variant(type, values, true, dimensions.IsEmpty ? null : dimensions.ToArray());
    }

    internal static Variant FromDecoded(BuiltInType type, object? value, bool isArray, int[]? dimensions) => new(type, value, isArray, dimensions);

    public static Variant From(bool value) => new(BuiltInType.Boolean, value, false, null);

    public static Variant From(sbyte value) => new(BuiltInType.SByte, value, false, null);

    public static Variant From(byte value) => new(BuiltInType.Byte, value, false, null);

    public static Variant From(short value) => new(BuiltInType.Int16, value, false, null);

    public static Variant From(ushort value) => new(BuiltInType.UInt16, value, false, null);

    public static Variant From(int value) => new(BuiltInType.Int32, value, false, null);

    public static Variant From(uint value) => new(BuiltInType.UInt32, value, false, null);

    public static Variant From(long value) => new(BuiltInType.Int64, value, false, null);

    public static Variant From(ulong value) => new(BuiltInType.UInt64, value, false, null);

    public static Variant From(float value) => new(BuiltInType.Float, value, false, null);

    public static Variant From(double value) => new(BuiltInType.Double, value, false, null);

    public static Variant From(string? value) => new(BuiltInType.String, value, false, null);

    /// <summary>A DateTime variant; the value is converted to UTC.</summary>
    public static Variant From(DateTime value) => new(BuiltInType.DateTime, value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(), false, null);

    public static Variant From(Guid value) => new(BuiltInType.Guid, value, false, null);

    public static Variant From(byte[]? value) => new(BuiltInType.ByteString, value, false, null);

    public static Variant From(NodeId value) => Scalar(BuiltInType.NodeId, value);

    public static Variant From(StatusCode value) => new(BuiltInType.StatusCode, value, false, null);

    public static Variant From(QualifiedName value) => Scalar(BuiltInType.QualifiedName, value);

    public static Variant From(LocalizedText value) => Scalar(BuiltInType.LocalizedText, value);

    /// <summary>The CLR type of a scalar of <paramref name="type"/>.</summary>
    public static Type ClrType(BuiltInType type) => type switch
    {
        BuiltInType.Boolean => typeof(bool),
        BuiltInType.SByte => typeof(sbyte),
        BuiltInType.Byte => typeof(byte),
        BuiltInType.Int16 => typeof(short),
        BuiltInType.UInt16 => typeof(ushort),
        BuiltInType.Int32 => typeof(int),
        BuiltInType.UInt32 => typeof(uint),
        BuiltInType.Int64 => typeof(long),
        BuiltInType.UInt64 => typeof(ulong),
        BuiltInType.Float => typeof(float),
        BuiltInType.Double => typeof(double),
        BuiltInType.String or BuiltInType.XmlElement => typeof(string),
        BuiltInType.DateTime => typeof(DateTime),
        BuiltInType.Guid => typeof(Guid),
        BuiltInType.ByteString => typeof(byte[]),
        BuiltInType.NodeId => typeof(NodeId),
        BuiltInType.ExpandedNodeId => typeof(ExpandedNodeId),
        BuiltInType.StatusCode => typeof(StatusCode),
        BuiltInType.QualifiedName => typeof(QualifiedName),
        BuiltInType.LocalizedText => typeof(LocalizedText),
        BuiltInType.ExtensionObject => typeof(ExtensionObject),
        BuiltInType.DataValue => typeof(DataValue),
        BuiltInType.Variant => typeof(Variant),
        BuiltInType.DiagnosticInfo => typeof(DiagnosticInfo),
        _ => typeof(object),
    };

    private static bool AllowsNull(BuiltInType type) => type is BuiltInType.String or BuiltInType.XmlElement or BuiltInType.ByteString;

    /// <summary>
    /// The value as a Nightshift sample value: Boolean as bool; integers as long (UInt64 above <see cref="long.MaxValue"/>
    /// as double); Float and Double as double; StatusCode as long; DateTime as an ISO 8601 UTC string; ByteString as base64;
    /// other scalars and all arrays as text (arrays as <c>[a, b, c]</c>); null as <see cref="SampleValue.None"/>.
    /// </summary>
    public SampleValue ToSampleValue()
    {
        if (IsArray)
        {
            return SampleValue.FromString(ToString());
        }

        return Value switch
        {
            null => SampleValue.None,
            bool b => SampleValue.FromBool(b),
            sbyte v => SampleValue.FromLong(v),
            byte v => SampleValue.FromLong(v),
            short v => SampleValue.FromLong(v),
            ushort v => SampleValue.FromLong(v),
            int v => SampleValue.FromLong(v),
            uint v => SampleValue.FromLong(v),
            long v => SampleValue.FromLong(v),
            ulong v => v <= long.MaxValue ? SampleValue.FromLong((long)v) : SampleValue.FromDouble(v),
            float v => SampleValue.FromDouble(v),
            double v => SampleValue.FromDouble(v),
            StatusCode v => SampleValue.FromLong(v.Code),
            _ => SampleValue.FromString(ToString()),
        };
    }

    public bool Equals(Variant other) =>
        Type == other.Type && IsArray == other.IsArray && Dimensions.Span.SequenceEqual(other.Dimensions.Span)
        && StructuralComparisons.StructuralEqualityComparer.Equals(Value, other.Value);

    public override bool Equals(object? obj) => obj is Variant other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, IsArray, Value is Array a ? a.Length : Value?.GetHashCode() ?? 0);

    public static bool operator ==(Variant left, Variant right) => left.Equals(right);

    public static bool operator !=(Variant left, Variant right) => !left.Equals(right);

    /// <summary>The value as invariant text: scalars as themselves, arrays as <c>[a, b, c]</c>, null as empty.</summary>
    public override string ToString()
    {
        if (!IsArray)
        {
            return Format(Value);
        }

        var builder = new StringBuilder("[");
        var first = true;
        foreach (var item in (Array)Value!)
        {
            builder.Append(first ? string.Empty : ", ").Append(Format(item));
            first = false;
        }

        return builder.Append(']').ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
