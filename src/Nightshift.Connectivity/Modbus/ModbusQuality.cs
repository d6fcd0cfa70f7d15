using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// How Modbus outcomes map to OPC UA-style qualities (<see cref="Quality"/>):
/// <list type="bullet">
/// <item>an exception response: <c>BadDeviceFailure</c> (0x808B0000) with the Modbus exception code in the low byte, e.g.
/// exception 2 (illegal data address) is 0x808B0002; gateway exceptions 10 and 11 use <c>BadNoCommunication</c>
/// (0x80310000) the same way, e.g. 0x8031000B. The low 16 bits are OPC UA's info bits, unused for Bad codes, so the
/// severity and sub-code stay standard and the device's own code is kept;</item>
/// <item>no response within the request timeout: <c>BadTimeout</c> (0x800A0000);</item>
/// <item>no connection to the gateway: <c>BadNotConnected</c> (0x808A0000);</item>
/// <item>a malformed or mismatched response: <c>BadCommunicationError</c> (0x80050000).</item>
/// </list>
/// Pure and thread-safe.
/// </summary>
public static class ModbusQuality
{
    /// <summary>OPC UA Bad_Timeout.</summary>
    public static readonly Quality BadTimeout = new(0x800A_0000);

    /// <summary>The quality of the points of a request answered with <paramref name="code"/>.</summary>
    public static Quality FromException(ModbusExceptionCode code) => code switch
    {
        ModbusExceptionCode.None => Quality.Good,
        ModbusExceptionCode.GatewayPathUnavailable or ModbusExceptionCode.GatewayTargetDeviceFailedToRespond =>
            new Quality(Quality.BadNoCommunication.Code | (byte)code),
        _ => new Quality(Quality.BadDeviceFailure.Code | (byte)code),
    };

    /// <summary>The Modbus exception code carried by a quality made by <see cref="FromException"/>.</summary>
    public static bool TryGetExceptionCode(Quality quality, out ModbusExceptionCode code)
    {
        var subCode = quality.Code & 0xFFFF_0000;
        var low = quality.Code & 0xFFFF;
        if ((subCode == Quality.BadDeviceFailure.Code || subCode == Quality.BadNoCommunication.Code) && low is > 0 and <= 0xFF)
        {
            code = (ModbusExceptionCode)low;
            return true;
        }

        code = ModbusExceptionCode.None;
        return false;
    }
}
