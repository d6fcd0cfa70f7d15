namespace Nightshift.Connectivity.Modbus;

/// <summary>A Modbus frame could not be decoded or does not answer its request; <see cref="Exception.Message"/> says why.</summary>
public sealed class ModbusFormatException : FormatException
{
    public ModbusFormatException()
    {
    }

    public ModbusFormatException(string message)
        : base(message)
    {
    }

    public ModbusFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
