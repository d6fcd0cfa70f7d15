using System.Buffers.Binary;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// Converts between registers and values: the data types of <see cref="ModbusDataType"/> in the byte and word orders of
/// <see cref="ModbusByteOrder"/>, with an engineering value of <c>raw * scale + offset</c>. Integers without scaling give
/// long values, everything scaled and floats give doubles, bits and coils give bools. Pure and thread-safe.
/// </summary>
public static class ModbusValueConverter
{
    /// <summary>How many registers (or bits, for <see cref="ModbusDataType.Bool"/>) a value of <paramref name="type"/> takes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown data type.</exception>
    public static int Width(ModbusDataType type) => type switch
    {
        ModbusDataType.Int16 or ModbusDataType.UInt16 or ModbusDataType.Bit or ModbusDataType.Bool => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 => 2,
        ModbusDataType.Float64 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Modbus data type."),
    };

    /// <summary>Decodes a value from the registers it occupies, as read from the wire.</summary>
    /// <param name="registers">At least <see cref="Width"/> registers; only that many are used.</param>
    /// <param name="type">The data type; not <see cref="ModbusDataType.Bool"/>, which is a coil, not a register.</param>
    /// <param name="order">The byte and word order.</param>
    /// <param name="bit">For <see cref="ModbusDataType.Bit"/>: the bit, 0 (least significant) to 15.</param>
    /// <param name="scale">The factor applied to the raw value.</param>
    /// <param name="offset">Added after scaling.</param>
    /// <exception cref="ArgumentException">Too few registers, a bool type, or a bit outside 0..15.</exception>
    public static SampleValue Decode(ReadOnlySpan<ushort> registers, ModbusDataType type, ModbusByteOrder order = ModbusByteOrder.ABCD, int bit = 0, double scale = 1, double offset = 0)
    {
        if (type == ModbusDataType.Bool)
        {
            throw new ArgumentException("A bool is a coil or discrete input, not a register.", nameof(type));
        }

        var width = Width(type);
        if (registers.Length < width)
        {
            throw new ArgumentException($"{type} needs {width} registers; {registers.Length} given.", nameof(registers));
        }

        Span<byte> raw = stackalloc byte[8];
        ToBigEndian(registers[..width], order, raw);
        var scaled = scale != 1 || offset != 0;
        switch (type)
        {
            case ModbusDataType.Bit:
                ArgumentOutOfRangeException.ThrowIfNegative(bit);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(bit, 15);
                return SampleValue.FromBool((BinaryPrimitives.ReadUInt16BigEndian(raw) & (1 << bit)) != 0);
            case ModbusDataType.Float32:
                return SampleValue.FromDouble((BinaryPrimitives.ReadSingleBigEndian(raw) * scale) + offset);
            case ModbusDataType.Float64:
                return SampleValue.FromDouble((BinaryPrimitives.ReadDoubleBigEndian(raw) * scale) + offset);
            default:
                long integer = type switch
                {
                    ModbusDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(raw),
                    ModbusDataType.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(raw),
                    ModbusDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(raw),
                    _ => BinaryPrimitives.ReadUInt32BigEndian(raw),
                };
                return scaled ? SampleValue.FromDouble((integer * scale) + offset) : SampleValue.FromLong(integer);
        }
    }

    /// <summary>
    /// Encodes an engineering value into the registers of <paramref name="type"/>, in wire order: the inverse of
    /// <see cref="Decode"/>. Integers are rounded to the nearest raw value. A <see cref="ModbusDataType.Bit"/> is a
    /// read-modify-write of its register: use <see cref="SetBit"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Too small a destination, a bit or bool type, a zero scale, or a non-numeric value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The raw value does not fit the data type.</exception>
    public static void Encode(SampleValue value, ModbusDataType type, ModbusByteOrder order, double scale, double offset, Span<ushort> destination)
    {
        if (type is ModbusDataType.Bit or ModbusDataType.Bool)
        {
            throw new ArgumentException($"{type} is written as a bit, not encoded into registers.", nameof(type));
        }

        if (!value.IsNumeric)
        {
            throw new ArgumentException($"A {value.Kind} value cannot be written to a register.", nameof(value));
        }

        if (scale == 0 || !double.IsFinite(scale))
        {
            throw new ArgumentException("The scale must be finite and not zero.", nameof(scale));
        }

        var width = Width(type);
        if (destination.Length < width)
        {
            throw new ArgumentException($"{type} needs {width} registers.", nameof(destination));
        }

        var unscaled = scale == 1 && offset == 0;
        var engineering = value.AsDouble();
        var raw = unscaled ? engineering : (engineering - offset) / scale;
        Span<byte> bytes = stackalloc byte[8];
        switch (type)
        {
            case ModbusDataType.Float32:
                BinaryPrimitives.WriteSingleBigEndian(bytes, (float)raw);
                break;
            case ModbusDataType.Float64:
                BinaryPrimitives.WriteDoubleBigEndian(bytes, raw);
                break;
            default:
                var integer = unscaled && value.Kind != ValueKind.Double ? value.AsLong() : ToInteger(raw);
                var (min, max) = type switch
                {
                    ModbusDataType.Int16 => (short.MinValue, short.MaxValue),
                    ModbusDataType.UInt16 => (ushort.MinValue, ushort.MaxValue),
                    ModbusDataType.Int32 => (int.MinValue, int.MaxValue),
                    _ => (0L, (long)uint.MaxValue),
                };
                if (integer < min || integer > max)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), integer, $"The raw value does not fit {type}.");
                }

                if (width == 1)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)integer);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)integer);
                }

                break;
        }

        FromBigEndian(bytes[..(2 * width)], order, destination[..width]);
    }

    /// <summary>The register with bit <paramref name="bit"/> (0 = least significant) set or cleared.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bit outside 0..15.</exception>
    public static ushort SetBit(ushort register, int bit, bool value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bit, 15);
        return value ? (ushort)(register | (1 << bit)) : (ushort)(register & ~(1 << bit));
    }

    private static long ToInteger(double raw)
    {
        if (!double.IsFinite(raw) || raw < long.MinValue || raw > long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(raw), raw, "The raw value is not a finite integer.");
        }

        return (long)Math.Round(raw, MidpointRounding.AwayFromZero);
    }

    // Wire register i holds logical word i (or n-1-i when the words are swapped); within it, the high byte comes first
    // unless the bytes are swapped. The logical words, big-endian, make the value's bytes A (most significant) onwards.
    private static void ToBigEndian(ReadOnlySpan<ushort> registers, ModbusByteOrder order, Span<byte> destination)
    {
        var swapWords = order is ModbusByteOrder.CDAB or ModbusByteOrder.DCBA;
        var swapBytes = order is ModbusByteOrder.BADC or ModbusByteOrder.DCBA;
        var n = registers.Length;
        for (var i = 0; i < n; i++)
        {
            var word = swapBytes ? BinaryPrimitives.ReverseEndianness(registers[i]) : registers[i];
            BinaryPrimitives.WriteUInt16BigEndian(destination[(2 * (swapWords ? n - 1 - i : i))..], word);
        }
    }

    private static void FromBigEndian(ReadOnlySpan<byte> source, ModbusByteOrder order, Span<ushort> registers)
    {
        var swapWords = order is ModbusByteOrder.CDAB or ModbusByteOrder.DCBA;
        var swapBytes = order is ModbusByteOrder.BADC or ModbusByteOrder.DCBA;
        var n = registers.Length;
        for (var i = 0; i < n; i++)
        {
            var word = BinaryPrimitives.ReadUInt16BigEndian(source[(2 * (swapWords ? n - 1 - i : i))..]);
            registers[i] = swapBytes ? BinaryPrimitives.ReverseEndianness(word) : word;
        }
    }
}
