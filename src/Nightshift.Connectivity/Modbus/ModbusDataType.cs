namespace Nightshift.Connectivity.Modbus;

/// <summary>How a point's value is laid out in a Modbus table.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name data types on purpose.")]
public enum ModbusDataType : byte
{
    /// <summary>A signed 16-bit integer in one register.</summary>
    Int16 = 0,

    /// <summary>An unsigned 16-bit integer in one register.</summary>
    UInt16 = 1,

    /// <summary>A signed 32-bit integer in two registers.</summary>
    Int32 = 2,

    /// <summary>An unsigned 32-bit integer in two registers.</summary>
    UInt32 = 3,

    /// <summary>An IEEE 754 single in two registers.</summary>
    Float32 = 4,

    /// <summary>An IEEE 754 double in four registers.</summary>
    Float64 = 5,

    /// <summary>One bit (0 = least significant) of one register.</summary>
    Bit = 6,

    /// <summary>A coil or discrete input.</summary>
    Bool = 7,
}
