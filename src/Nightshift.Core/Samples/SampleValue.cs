using System.Globalization;

namespace Nightshift.Core.Samples;

/// <summary>
/// A tagged union of the value types a sample can carry: double, long, bool or string.
/// Numbers are stored without boxing; only strings hold a reference. Immutable and thread-safe.
/// </summary>
public readonly struct SampleValue : IEquatable<SampleValue>
{
    private readonly double _double;
    private readonly long _long;
    private readonly string? _string;

    private SampleValue(ValueKind kind, double d, long l, string? s)
    {
        Kind = kind;
        _double = d;
        _long = l;
        _string = s;
    }

    public ValueKind Kind { get; }

    public static SampleValue None => default;

    public static SampleValue FromDouble(double value) => new(ValueKind.Double, value, 0, null);

    public static SampleValue FromLong(long value) => new(ValueKind.Long, 0, value, null);

    public static SampleValue FromBool(bool value) => new(ValueKind.Bool, 0, value ? 1 : 0, null);

    public static SampleValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(ValueKind.String, 0, 0, value);
    }

    /// <summary>The value as a double: numbers as they are, bools as 0 or 1, strings and none as NaN.</summary>
    public double AsDouble() => Kind switch
    {
        ValueKind.Double => _double,
        ValueKind.Long or ValueKind.Bool => _long,
        _ => double.NaN,
    };

    public long AsLong() => Kind switch
    {
        ValueKind.Long or ValueKind.Bool => _long,
        ValueKind.Double => (long)_double,
        _ => 0,
    };

    public bool AsBool() => Kind switch
    {
        ValueKind.Bool or ValueKind.Long => _long != 0,
        ValueKind.Double => _double != 0,
        ValueKind.String => string.Equals(_string, "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>The string of a string value; null for other kinds.</summary>
    public string? AsString() => Kind == ValueKind.String ? _string : null;

    /// <summary>True for double, long and bool values: those that can be aggregated.</summary>
    public bool IsNumeric => Kind is ValueKind.Double or ValueKind.Long or ValueKind.Bool;

    /// <summary>The value as a boxed CLR object for JSON and display: double, long, bool, string or null.</summary>
    public object? ToObject() => Kind switch
    {
        ValueKind.Double => _double,
        ValueKind.Long => _long,
        ValueKind.Bool => _long != 0,
        ValueKind.String => _string,
        _ => null,
    };

    public bool Equals(SampleValue other) => Kind == other.Kind && Kind switch
    {
        ValueKind.Double => _double.Equals(other._double),
        ValueKind.String => string.Equals(_string, other._string, StringComparison.Ordinal),
        _ => _long == other._long,
    };

    public override bool Equals(object? obj) => obj is SampleValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _double, _long, _string);

    public static bool operator ==(SampleValue left, SampleValue right) => left.Equals(right);

    public static bool operator !=(SampleValue left, SampleValue right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        ValueKind.Double => _double.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Long => _long.ToString(CultureInfo.InvariantCulture),
        ValueKind.Bool => _long != 0 ? "true" : "false",
        ValueKind.String => _string!,
        _ => string.Empty,
    };
}
