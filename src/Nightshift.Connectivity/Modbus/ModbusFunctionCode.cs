namespace Nightshift.Connectivity.Modbus;

/// <summary>The Modbus function codes this client speaks (Modbus application protocol v1.1b3, section 6).</summary>
public enum ModbusFunctionCode : byte
{
    ReadCoils = 1,
    ReadDiscreteInputs = 2,
    ReadHoldingRegisters = 3,
    ReadInputRegisters = 4,
    WriteSingleCoil = 5,
    WriteSingleRegister = 6,
    WriteMultipleCoils = 15,
    WriteMultipleRegisters = 16,
}
