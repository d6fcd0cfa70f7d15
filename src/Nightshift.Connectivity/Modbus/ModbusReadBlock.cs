namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// One read request planned by <see cref="ModbusReadPlanner"/>: <see cref="Quantity"/> registers or bits from
/// <see cref="Address"/> of one table of one unit, covering <see cref="Points"/> (ordered by address). Immutable and thread-safe.
/// </summary>
public sealed class ModbusReadBlock
{
    public ModbusReadBlock(byte unitId, ModbusTable table, ushort address, int quantity, IReadOnlyList<ModbusPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        UnitId = unitId;
        Table = table;
        Address = address;
        Quantity = quantity;
        Points = points;
        Request = ModbusRequest.Read(unitId, FunctionOf(table), address, quantity);
    }

    public byte UnitId { get; }

    public ModbusTable Table { get; }

    public ushort Address { get; }

    public int Quantity { get; }

    public IReadOnlyList<ModbusPoint> Points { get; }

    /// <summary>The request that reads the block.</summary>
    public ModbusRequest Request { get; }

    /// <summary>The read function code of a table.</summary>
    public static ModbusFunctionCode FunctionOf(ModbusTable table) => table switch
    {
        ModbusTable.Coil => ModbusFunctionCode.ReadCoils,
        ModbusTable.DiscreteInput => ModbusFunctionCode.ReadDiscreteInputs,
        ModbusTable.InputRegister => ModbusFunctionCode.ReadInputRegisters,
        _ => ModbusFunctionCode.ReadHoldingRegisters,
    };

    public override string ToString() => $"unit {UnitId} {Table} @{Address} x{Quantity} ({Points.Count} points)";
}
