namespace Nightshift.Connectivity.Modbus;

/// <summary>The four Modbus data tables.</summary>
public enum ModbusTable : byte
{
    /// <summary>Read-write bits (function codes 1, 5, 15).</summary>
    Coil = 0,

    /// <summary>Read-only bits (function code 2).</summary>
    DiscreteInput = 1,

    /// <summary>Read-only registers (function code 4).</summary>
    InputRegister = 2,

    /// <summary>Read-write registers (function codes 3, 6, 16).</summary>
    HoldingRegister = 3,
}
