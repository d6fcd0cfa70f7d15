namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// One Modbus request to one unit: a read of <see cref="Quantity"/> coils, inputs or registers from <see cref="Address"/>
/// (zero-based protocol addresses), or a write of <see cref="Coils"/> or <see cref="Registers"/>. Created through the
/// factory methods, which enforce the protocol limits. Immutable and thread-safe.
/// </summary>
public sealed class ModbusRequest
{
    /// <summary>The most coils or discrete inputs one read may ask for.</summary>
    public const int MaxReadBits = 2000;

    /// <summary>The most registers one read may ask for.</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>The most coils one write may carry.</summary>
    public const int MaxWriteBits = 1968;

    /// <summary>The most registers one write may carry.</summary>
    public const int MaxWriteRegisters = 123;

    private ModbusRequest(byte unitId, ModbusFunctionCode function, ushort address, ushort quantity, ReadOnlyMemory<bool> coils, ReadOnlyMemory<ushort> registers)
    {
        UnitId = unitId;
        Function = function;
        Address = address;
        Quantity = quantity;
        Coils = coils;
        Registers = registers;
    }

    public byte UnitId { get; }

    public ModbusFunctionCode Function { get; }

    /// <summary>The first address, zero-based as on the wire (register 40001 of the old convention is address 0).</summary>
    public ushort Address { get; }

    /// <summary>How many coils, inputs or registers are read or written (1 for single writes).</summary>
    public ushort Quantity { get; }

    /// <summary>The coil values written by function codes 5 and 15; empty otherwise.</summary>
    public ReadOnlyMemory<bool> Coils { get; }

    /// <summary>The register values written by function codes 6 and 16; empty otherwise.</summary>
    public ReadOnlyMemory<ushort> Registers { get; }

    /// <summary>True for function codes 1 to 4.</summary>
    public bool IsRead => Function <= ModbusFunctionCode.ReadInputRegisters;

    /// <summary>The size of the PDU (function code and data) on the wire, in bytes.</summary>
    public int PduSize => Function switch
    {
        ModbusFunctionCode.WriteMultipleCoils => 6 + ((Quantity + 7) / 8),
        ModbusFunctionCode.WriteMultipleRegisters => 6 + (2 * Quantity),
        _ => 5,
    };

    /// <summary>The size of the whole frame (MBAP header and PDU), in bytes.</summary>
    public int FrameSize => MbapHeader.Size + PduSize;

    /// <summary>A read with function code 1, 2, 3 or 4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a read function, a quantity outside the protocol limits, or a range past address 65535.</exception>
    public static ModbusRequest Read(byte unitId, ModbusFunctionCode function, ushort address, int quantity)
    {
        var max = function switch
        {
            ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs => MaxReadBits,
            ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters => MaxReadRegisters,
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Not a read function code."),
        };
        CheckRange(address, quantity, max);
        return new ModbusRequest(unitId, function, address, (ushort)quantity, default, default);
    }

    public static ModbusRequest ReadCoils(byte unitId, ushort address, int quantity) => Read(unitId, ModbusFunctionCode.ReadCoils, address, quantity);

    public static ModbusRequest ReadDiscreteInputs(byte unitId, ushort address, int quantity) => Read(unitId, ModbusFunctionCode.ReadDiscreteInputs, address, quantity);

    public static ModbusRequest ReadHoldingRegisters(byte unitId, ushort address, int quantity) => Read(unitId, ModbusFunctionCode.ReadHoldingRegisters, address, quantity);

    public static ModbusRequest ReadInputRegisters(byte unitId, ushort address, int quantity) => Read(unitId, ModbusFunctionCode.ReadInputRegisters, address, quantity);

    /// <summary>Function code 5.</summary>
    public static ModbusRequest WriteSingleCoil(byte unitId, ushort address, bool value) =>
        new(unitId, ModbusFunctionCode.WriteSingleCoil, address, 1, new[] { value }, default);

    /// <summary>Function code 6.</summary>
    public static ModbusRequest WriteSingleRegister(byte unitId, ushort address, ushort value) =>
        new(unitId, ModbusFunctionCode.WriteSingleRegister, address, 1, default, new[] { value });

    /// <summary>Function code 15; the values are copied.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No values, more than 1968, or a range past address 65535.</exception>
    public static ModbusRequest WriteMultipleCoils(byte unitId, ushort address, ReadOnlySpan<bool> values)
    {
        CheckRange(address, values.Length, MaxWriteBits);
        return new ModbusRequest(unitId, ModbusFunctionCode.WriteMultipleCoils, address, (ushort)values.Length, values.ToArray(), default);
    }

    /// <summary>Function code 16; the values are copied.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No values, more than 123, or a range past address 65535.</exception>
    public static ModbusRequest WriteMultipleRegisters(byte unitId, ushort address, ReadOnlySpan<ushort> values)
    {
        CheckRange(address, values.Length, MaxWriteRegisters);
        return new ModbusRequest(unitId, ModbusFunctionCode.WriteMultipleRegisters, address, (ushort)values.Length, default, values.ToArray());
    }

    public override string ToString() => $"unit {UnitId} {Function} @{Address} x{Quantity}";

    private static void CheckRange(ushort address, int quantity, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, max);
        if (address + quantity > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "The range runs past address 65535.");
        }
    }
}
