namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// The exception code of a Modbus exception response (function code | 0x80), section 7 of the application protocol.
/// Codes outside this list (9, 12..255) are kept as their number.
/// </summary>
public enum ModbusExceptionCode : byte
{
    /// <summary>Not an exception response.</summary>
    None = 0,
    IllegalFunction = 1,
    IllegalDataAddress = 2,
    IllegalDataValue = 3,
    ServerDeviceFailure = 4,
    Acknowledge = 5,
    ServerDeviceBusy = 6,
    NegativeAcknowledge = 7,
    MemoryParityError = 8,
    GatewayPathUnavailable = 10,
    GatewayTargetDeviceFailedToRespond = 11,
}
