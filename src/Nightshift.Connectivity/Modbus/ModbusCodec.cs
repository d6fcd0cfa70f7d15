using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// The pure Modbus TCP codec: requests and responses to and from whole frames (MBAP header and PDU) over spans, big-endian
/// with <see cref="BinaryPrimitives"/>. Decoding validates everything the protocol fixes (protocol id, lengths, byte counts,
/// function code echo, coil values) and throws only <see cref="ModbusFormatException"/> for a malformed frame; an exception
/// response is a valid frame and decodes to a <see cref="ModbusResponse"/> with its <see cref="ModbusExceptionCode"/>.
/// Stateless and thread-safe.
/// </summary>
public static class ModbusCodec
{
    private const byte ExceptionBit = 0x80;
    private const ushort CoilOn = 0xFF00;

    /// <summary>Encodes <paramref name="request"/> with <paramref name="transactionId"/>; returns the bytes written (<see cref="ModbusRequest.FrameSize"/>).</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the frame.</exception>
    public static int EncodeRequest(ModbusRequest request, ushort transactionId, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = request.FrameSize;
        if (destination.Length < size)
        {
            throw new ArgumentException($"The frame needs {size} bytes.", nameof(destination));
        }

        new MbapHeader(transactionId, 0, (ushort)(request.PduSize + 1), request.UnitId).Write(destination);
        var pdu = destination[MbapHeader.Size..size];
        pdu[0] = (byte)request.Function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], request.Address);
        switch (request.Function)
        {
            case ModbusFunctionCode.WriteSingleCoil:
                BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], request.Coils.Span[0] ? CoilOn : (ushort)0);
                break;
            case ModbusFunctionCode.WriteSingleRegister:
                BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], request.Registers.Span[0]);
                break;
            case ModbusFunctionCode.WriteMultipleCoils:
                BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], request.Quantity);
                pdu[5] = (byte)(pdu.Length - 6);
                PackBits(request.Coils.Span, pdu[6..]);
                break;
            case ModbusFunctionCode.WriteMultipleRegisters:
                BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], request.Quantity);
                pdu[5] = (byte)(pdu.Length - 6);
                WriteRegisters(request.Registers.Span, pdu[6..]);
                break;
            default:
                BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], request.Quantity);
                break;
        }

        return size;
    }

    /// <summary>Decodes a request frame (what a server receives); the inverse of <see cref="EncodeRequest"/>.</summary>
    /// <exception cref="ModbusFormatException">The frame is malformed, of an unsupported function, or outside the protocol limits.</exception>
    public static ModbusRequest DecodeRequest(ReadOnlySpan<byte> frame, out ushort transactionId)
    {
        var header = ReadFrame(frame);
        transactionId = header.TransactionId;
        var pdu = frame[MbapHeader.Size..];
        if (pdu.Length < 5)
        {
            Throw($"A request PDU needs at least 5 bytes; {pdu.Length} given.");
        }

        var function = (ModbusFunctionCode)pdu[0];
        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var word = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        try
        {
            switch (function)
            {
                case ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs
                    or ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters:
                    ExpectLength(pdu, 5);
                    return ModbusRequest.Read(header.UnitId, function, address, word);
                case ModbusFunctionCode.WriteSingleCoil:
                    ExpectLength(pdu, 5);
                    return ModbusRequest.WriteSingleCoil(header.UnitId, address, ReadCoilValue(word));
                case ModbusFunctionCode.WriteSingleRegister:
                    ExpectLength(pdu, 5);
                    return ModbusRequest.WriteSingleRegister(header.UnitId, address, word);
                case ModbusFunctionCode.WriteMultipleCoils:
                {
                    var data = MultipleWriteData(pdu, (word + 7) / 8);
                    Span<bool> coils = stackalloc bool[Math.Min((int)word, data.Length * 8)];
                    UnpackBits(data, coils);
                    return ModbusRequest.WriteMultipleCoils(header.UnitId, address, coils);
                }

                case ModbusFunctionCode.WriteMultipleRegisters:
                {
                    var data = MultipleWriteData(pdu, 2 * word);
                    Span<ushort> registers = stackalloc ushort[data.Length / 2];
                    ReadRegisters(data, registers);
                    return ModbusRequest.WriteMultipleRegisters(header.UnitId, address, registers);
                }

                default:
                    Throw($"Function code {(byte)function} is not supported.");
                    return null;
            }
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ModbusFormatException($"The request is outside the protocol limits: {e.Message}", e);
        }
    }

    /// <summary>
    /// Encodes a response (what a server sends); the inverse of <see cref="DecodeResponse(ReadOnlySpan{byte})"/>.
    /// Returns the bytes written.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is too short, or the data is longer than a PDU can carry.</exception>
    public static int EncodeResponse(ModbusResponse response, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(response);
        var pduSize = response.IsException ? 2 : IsReadFunction(response.Function) ? 2 + response.Data.Length : 5;
        if (pduSize > MbapHeader.MaxPduSize || response.Data.Length > byte.MaxValue)
        {
            throw new ArgumentException("The response data is longer than a PDU can carry.", nameof(response));
        }

        var size = MbapHeader.Size + pduSize;
        if (destination.Length < size)
        {
            throw new ArgumentException($"The frame needs {size} bytes.", nameof(destination));
        }

        new MbapHeader(response.TransactionId, 0, (ushort)(pduSize + 1), response.UnitId).Write(destination);
        var pdu = destination[MbapHeader.Size..size];
        if (response.IsException)
        {
            pdu[0] = (byte)((byte)response.Function | ExceptionBit);
            pdu[1] = (byte)response.ExceptionCode;
        }
        else if (IsReadFunction(response.Function))
        {
            pdu[0] = (byte)response.Function;
            pdu[1] = (byte)response.Data.Length;
            response.Data.Span.CopyTo(pdu[2..]);
        }
        else
        {
            pdu[0] = (byte)response.Function;
            BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], response.Address);
            BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], response.Value);
        }

        return size;
    }

    /// <summary>
    /// Decodes a response frame on its own: the header, the function code (or exception), the byte count against the length,
    /// the exact length of write echoes. The data is copied, so the frame buffer may be reused.
    /// </summary>
    /// <exception cref="ModbusFormatException">The frame is malformed.</exception>
    public static ModbusResponse DecodeResponse(ReadOnlySpan<byte> frame)
    {
        var header = ReadFrame(frame);
        var pdu = frame[MbapHeader.Size..];
        var code = pdu[0];
        var function = (ModbusFunctionCode)(code & ~ExceptionBit);
        if (!Enum.IsDefined(function))
        {
            Throw($"Function code {code & ~ExceptionBit} is not supported.");
        }

        if ((code & ExceptionBit) != 0)
        {
            ExpectLength(pdu, 2);
            if (pdu[1] == 0)
            {
                Throw("An exception response carries exception code 0.");
            }

            return new ModbusResponse(header.TransactionId, header.UnitId, function, (ModbusExceptionCode)pdu[1], default);
        }

        if (IsReadFunction(function))
        {
            if (pdu.Length < 2)
            {
                Throw("A read response has no byte count.");
            }

            ExpectLength(pdu, 2 + pdu[1]);
            var isRegisters = function is ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters;
            if (pdu[1] == 0 || (isRegisters && pdu[1] % 2 != 0))
            {
                Throw($"Byte count {pdu[1]} is not valid for {function}.");
            }

            return new ModbusResponse(header.TransactionId, header.UnitId, function, ModbusExceptionCode.None, pdu[2..].ToArray());
        }

        ExpectLength(pdu, 5);
        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var value = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        if (function == ModbusFunctionCode.WriteSingleCoil)
        {
            ReadCoilValue(value);
        }

        return new ModbusResponse(header.TransactionId, header.UnitId, function, ModbusExceptionCode.None, default, address, value);
    }

    /// <summary>
    /// Decodes a response frame and checks that it answers <paramref name="request"/>: same unit and function, a byte count
    /// that fits the quantity asked for, the write echoed as sent. The transaction id is the caller's to match.
    /// </summary>
    /// <exception cref="ModbusFormatException">The frame is malformed or does not answer the request.</exception>
    public static ModbusResponse DecodeResponse(ReadOnlySpan<byte> frame, ModbusRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = DecodeResponse(frame);
        if (response.UnitId != request.UnitId)
        {
            Throw($"The response is from unit {response.UnitId}; unit {request.UnitId} was asked.");
        }

        if (response.Function != request.Function)
        {
            Throw($"The response is to function {response.Function}; {request.Function} was asked.");
        }

        if (response.IsException)
        {
            return response;
        }

        switch (request.Function)
        {
            case ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs:
                ExpectCount(response.Data.Length, (request.Quantity + 7) / 8);
                break;
            case ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters:
                ExpectCount(response.Data.Length, 2 * request.Quantity);
                break;
            case ModbusFunctionCode.WriteSingleCoil:
                ExpectEcho(response, request.Address, request.Coils.Span[0] ? CoilOn : (ushort)0);
                break;
            case ModbusFunctionCode.WriteSingleRegister:
                ExpectEcho(response, request.Address, request.Registers.Span[0]);
                break;
            default:
                ExpectEcho(response, request.Address, request.Quantity);
                break;
        }

        return response;
    }

    /// <summary>
    /// The size of the frame that starts <paramref name="buffer"/>, read from its MBAP header, or 0 when fewer than 7 bytes
    /// are there yet.
    /// </summary>
    /// <exception cref="ModbusFormatException">The header is malformed.</exception>
    public static int FrameSize(ReadOnlySpan<byte> buffer) =>
        buffer.Length < MbapHeader.Size ? 0 : MbapHeader.Read(buffer).FrameSize;

    /// <summary>Packs coil values, least significant bit first, into <paramref name="destination"/>.</summary>
    public static void PackBits(ReadOnlySpan<bool> values, Span<byte> destination)
    {
        destination[..((values.Length + 7) / 8)].Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                destination[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }

    private static void UnpackBits(ReadOnlySpan<byte> source, Span<bool> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (source[i >> 3] & (1 << (i & 7))) != 0;
        }
    }

    private static void WriteRegisters(ReadOnlySpan<ushort> values, Span<byte> destination)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(2 * i)..], values[i]);
        }
    }

    private static void ReadRegisters(ReadOnlySpan<byte> source, Span<ushort> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt16BigEndian(source[(2 * i)..]);
        }
    }

    private static bool IsReadFunction(ModbusFunctionCode function) => function <= ModbusFunctionCode.ReadInputRegisters;

    private static MbapHeader ReadFrame(ReadOnlySpan<byte> frame)
    {
        var header = MbapHeader.Read(frame);
        if (frame.Length != header.FrameSize)
        {
            Throw($"The MBAP header announces a {header.FrameSize}-byte frame; {frame.Length} bytes given.");
        }

        return header;
    }

    private static ReadOnlySpan<byte> MultipleWriteData(ReadOnlySpan<byte> pdu, int expectedBytes)
    {
        if (pdu.Length < 6)
        {
            Throw("A multiple write has no byte count.");
        }

        if (pdu[5] != expectedBytes)
        {
            Throw($"Byte count {pdu[5]} does not match the quantity ({expectedBytes} bytes expected).");
        }

        ExpectLength(pdu, 6 + expectedBytes);
        return pdu[6..];
    }

    private static bool ReadCoilValue(ushort word) => word switch
    {
        CoilOn => true,
        0 => false,
        _ => Throw<bool>($"Coil value 0x{word:X4} is neither 0xFF00 nor 0x0000."),
    };

    private static void ExpectLength(ReadOnlySpan<byte> pdu, int length)
    {
        if (pdu.Length != length)
        {
            Throw($"The PDU of function {pdu[0]} has {pdu.Length} bytes; {length} expected.");
        }
    }

    private static void ExpectCount(int actual, int expected)
    {
        if (actual != expected)
        {
            Throw($"The response carries {actual} data bytes; {expected} expected for the quantity asked.");
        }
    }

    private static void ExpectEcho(ModbusResponse response, ushort address, ushort value)
    {
        if (response.Address != address || response.Value != value)
        {
            Throw($"The write echo ({response.Address}, {response.Value}) differs from the request ({address}, {value}).");
        }
    }

    [DoesNotReturn]
    private static void Throw(string message) => throw new ModbusFormatException(message);

    [DoesNotReturn]
    private static T Throw<T>(string message) => throw new ModbusFormatException(message);
}
