namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// One point of a register map: a named value at <see cref="Address"/> (zero-based, as on the wire) of a table of unit
/// <see cref="UnitId"/>, of <see cref="DataType"/> in <see cref="ByteOrder"/>, with the engineering value
/// <c>raw * Scale + Offset</c> in <see cref="Unit"/>. Immutable and thread-safe; checked by <see cref="Validate"/>.
/// </summary>
public sealed record ModbusPoint(string Name, byte UnitId, ModbusTable Table, ushort Address, ModbusDataType DataType)
{
    public ModbusByteOrder ByteOrder { get; init; } = ModbusByteOrder.ABCD;

    /// <summary>For <see cref="ModbusDataType.Bit"/>: the bit of the register, 0 (least significant) to 15.</summary>
    public int Bit { get; init; }

    public double Scale { get; init; } = 1;

    public double Offset { get; init; }

    /// <summary>The engineering unit (e.g. "°C", "kW"), or null.</summary>
    public string? Unit { get; init; }

    /// <summary>True for coils and discrete inputs.</summary>
    public bool IsBitTable => Table is ModbusTable.Coil or ModbusTable.DiscreteInput;

    /// <summary>True for coils and holding registers.</summary>
    public bool IsWritable => Table is ModbusTable.Coil or ModbusTable.HoldingRegister;

    /// <summary>The registers (or bits) the point occupies.</summary>
    public int Width => ModbusValueConverter.Width(DataType);

    /// <summary>Checks that the point is consistent.</summary>
    /// <exception cref="ArgumentException">
    /// No name, a bool outside the bit tables or a register type inside them, a bit outside 0..15, a zero or non-finite
    /// scale, or a range past address 65535.
    /// </exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A Modbus point needs a name.", nameof(Name));
        }

        if (IsBitTable != (DataType == ModbusDataType.Bool))
        {
            throw new ArgumentException($"Point {Name}: {DataType} cannot live in the {Table} table (coils and discrete inputs hold Bool only).", nameof(DataType));
        }

        if (DataType == ModbusDataType.Bit && Bit is < 0 or > 15)
        {
            throw new ArgumentException($"Point {Name}: bit {Bit} is outside 0..15.", nameof(Bit));
        }

        if (Scale == 0 || !double.IsFinite(Scale) || !double.IsFinite(Offset))
        {
            throw new ArgumentException($"Point {Name}: the scale must be finite and not zero, the offset finite.", nameof(Scale));
        }

        if (Address + Width > 65536)
        {
            throw new ArgumentException($"Point {Name}: runs past address 65535.", nameof(Address));
        }
    }
}
