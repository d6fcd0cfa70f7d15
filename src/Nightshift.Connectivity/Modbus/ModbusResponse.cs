using System.Buffers.Binary;

namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// A decoded Modbus response: either an exception (<see cref="ExceptionCode"/> is not None), the data of a read
/// (<see cref="Data"/>: packed bits, least significant bit first, for coils and inputs; big-endian registers otherwise),
/// or the echo of a write (<see cref="Address"/> and <see cref="Value"/>: the value of a single write, the quantity of a
/// multiple write). Immutable and thread-safe.
/// </summary>
public sealed class ModbusResponse
{
    public ModbusResponse(ushort transactionId, byte unitId, ModbusFunctionCode function, ModbusExceptionCode exceptionCode, ReadOnlyMemory<byte> data, ushort address = 0, ushort value = 0)
    {
        TransactionId = transactionId;
        UnitId = unitId;
        Function = function;
        ExceptionCode = exceptionCode;
        Data = data;
        Address = address;
        Value = value;
    }

    public ushort TransactionId { get; }

    public byte UnitId { get; }

    /// <summary>The function code answered, without the exception bit.</summary>
    public ModbusFunctionCode Function { get; }

    public ModbusExceptionCode ExceptionCode { get; }

    public bool IsException => ExceptionCode != ModbusExceptionCode.None;

    /// <summary>The data bytes of a read response (after the byte count).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The address echoed by a write response.</summary>
    public ushort Address { get; }

    /// <summary>The value (function codes 5, 6) or quantity (15, 16) echoed by a write response.</summary>
    public ushort Value { get; }

    /// <summary>The number of registers in <see cref="Data"/>.</summary>
    public int RegisterCount => Data.Length / 2;

    /// <summary>Register <paramref name="index"/> (zero-based, relative to the first one read).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the data.</exception>
    public ushort GetRegister(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, RegisterCount);
        return BinaryPrimitives.ReadUInt16BigEndian(Data.Span[(2 * index)..]);
    }

    /// <summary>Copies <paramref name="destination"/>.Length registers starting at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the data.</exception>
    public void CopyRegisters(int index, Span<ushort> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index + destination.Length, RegisterCount);
        var span = Data.Span;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt16BigEndian(span[(2 * (index + i))..]);
        }
    }

    /// <summary>Bit <paramref name="index"/> of a coil or input read (zero-based, relative to the first one read).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the data.</exception>
    public bool GetBit(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Data.Length * 8);
        return (Data.Span[index >> 3] & (1 << (index & 7))) != 0;
    }

    public override string ToString() => IsException
        ? $"unit {UnitId} {Function} exception {ExceptionCode}"
        : $"unit {UnitId} {Function} ({Data.Length} data bytes)";
}
