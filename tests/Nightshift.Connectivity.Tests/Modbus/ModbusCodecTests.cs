using FsCheck;
using FsCheck.Fluent;
using Nightshift.Connectivity.Modbus;

namespace Nightshift.Connectivity.Tests.Modbus;

public sealed class ModbusCodecTests
{
    [Fact]
    public void A_read_holding_registers_request_encodes_as_in_the_specification()
    {
        var frame = Encode(ModbusRequest.ReadHoldingRegisters(0x11, 0x006B, 3), 0x0001);

        frame.ShouldBe(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03 });
    }

    [Fact]
    public void A_write_multiple_coils_request_packs_bits_least_significant_first()
    {
        bool[] coils = [true, false, true, true, false, false, true, true, true, false];

        var frame = Encode(ModbusRequest.WriteMultipleCoils(1, 0x0013, coils), 7);

        frame[7..].ShouldBe(new byte[] { 0x0F, 0x00, 0x13, 0x00, 0x0A, 0x02, 0xCD, 0x01 });
        frame[4..6].ShouldBe(new byte[] { 0x00, 0x09 });
    }

    [Fact]
    public void A_write_single_coil_request_sends_ff00_for_on()
    {
        Encode(ModbusRequest.WriteSingleCoil(1, 0x00AC, true), 1)[7..].ShouldBe(new byte[] { 0x05, 0x00, 0xAC, 0xFF, 0x00 });
        Encode(ModbusRequest.WriteSingleCoil(1, 0x00AC, false), 1)[7..].ShouldBe(new byte[] { 0x05, 0x00, 0xAC, 0x00, 0x00 });
    }

    [Fact]
    public void A_write_multiple_registers_request_carries_big_endian_registers()
    {
        var frame = Encode(ModbusRequest.WriteMultipleRegisters(1, 0x0001, [0x000A, 0x0102]), 1);

        frame[7..].ShouldBe(new byte[] { 0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02 });
    }

    [Fact]
    public void A_read_registers_response_decodes_its_registers()
    {
        byte[] frame = [0x00, 0x01, 0x00, 0x00, 0x00, 0x09, 0x11, 0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64];

        var response = ModbusCodec.DecodeResponse(frame, ModbusRequest.ReadHoldingRegisters(0x11, 0x006B, 3));

        response.TransactionId.ShouldBe((ushort)1);
        response.IsException.ShouldBeFalse();
        response.RegisterCount.ShouldBe(3);
        response.GetRegister(0).ShouldBe((ushort)0x022B);
        response.GetRegister(2).ShouldBe((ushort)0x0064);
    }

    [Fact]
    public void A_read_coils_response_decodes_its_bits()
    {
        byte[] frame = [0x00, 0x02, 0x00, 0x00, 0x00, 0x06, 0x01, 0x01, 0x03, 0xCD, 0x6B, 0x05];

        var response = ModbusCodec.DecodeResponse(frame, ModbusRequest.ReadCoils(1, 0x13, 19));

        Enumerable.Range(0, 8).Select(response.GetBit).ShouldBe([true, false, true, true, false, false, true, true]);
        response.GetBit(16).ShouldBeTrue();
        response.GetBit(17).ShouldBeFalse();
    }

    [Theory]
    [InlineData(1, ModbusExceptionCode.IllegalFunction)]
    [InlineData(2, ModbusExceptionCode.IllegalDataAddress)]
    [InlineData(3, ModbusExceptionCode.IllegalDataValue)]
    [InlineData(4, ModbusExceptionCode.ServerDeviceFailure)]
    [InlineData(5, ModbusExceptionCode.Acknowledge)]
    [InlineData(6, ModbusExceptionCode.ServerDeviceBusy)]
    [InlineData(7, ModbusExceptionCode.NegativeAcknowledge)]
    [InlineData(8, ModbusExceptionCode.MemoryParityError)]
    [InlineData(10, ModbusExceptionCode.GatewayPathUnavailable)]
    [InlineData(11, ModbusExceptionCode.GatewayTargetDeviceFailedToRespond)]
    public void An_exception_response_decodes_to_its_named_code_not_an_exception(byte code, ModbusExceptionCode expected)
    {
        byte[] frame = [0x00, 0x05, 0x00, 0x00, 0x00, 0x03, 0x02, 0x83, code];

        var response = ModbusCodec.DecodeResponse(frame, ModbusRequest.ReadHoldingRegisters(2, 0, 10));

        response.IsException.ShouldBeTrue();
        response.Function.ShouldBe(ModbusFunctionCode.ReadHoldingRegisters);
        response.ExceptionCode.ShouldBe(expected);
        response.ExceptionCode.ToString().ShouldNotBe(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static TheoryData<string, byte[]> MalformedFrames => new()
    {
        { "protocol id 1", [0x00, 0x01, 0x00, 0x01, 0x00, 0x05, 0x01, 0x03, 0x02, 0x00, 0x01] },
        { "length longer than the frame", [0x00, 0x01, 0x00, 0x00, 0x00, 0x09, 0x01, 0x03, 0x02, 0x00, 0x01] },
        { "length shorter than the frame", [0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x01, 0x03, 0x02, 0x00, 0x01] },
        { "length 1", [0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x01] },
        { "short header", [0x00, 0x01, 0x00, 0x00, 0x00] },
        { "byte count past the end", [0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x01, 0x03, 0x04, 0x00, 0x01] },
        { "odd register byte count", [0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x01, 0x03, 0x01, 0x00] },
        { "zero byte count", [0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00] },
        { "unknown function", [0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x01, 0x2B, 0x00] },
        { "exception code 0", [0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x01, 0x83, 0x00] },
        { "long exception", [0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x01, 0x83, 0x02, 0x00] },
        { "coil echo neither on nor off", [0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x05, 0x00, 0x01, 0x12, 0x34] },
        { "short write echo", [0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x01, 0x06, 0x00, 0x01, 0x12] },
    };

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public void A_malformed_response_gives_the_format_exception(string why, byte[] frame)
    {
        Should.Throw<ModbusFormatException>(() => ModbusCodec.DecodeResponse(frame), why);
    }

    [Fact]
    public void A_response_with_another_function_does_not_answer_the_request()
    {
        byte[] frame = [0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x01, 0x04, 0x02, 0x00, 0x01];

        Should.Throw<ModbusFormatException>(() => ModbusCodec.DecodeResponse(frame, ModbusRequest.ReadHoldingRegisters(1, 0, 1)));
    }

    [Fact]
    public void A_response_from_another_unit_does_not_answer_the_request()
    {
        byte[] frame = [0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x02, 0x03, 0x02, 0x00, 0x01];

        Should.Throw<ModbusFormatException>(() => ModbusCodec.DecodeResponse(frame, ModbusRequest.ReadHoldingRegisters(1, 0, 1)));
    }

    [Fact]
    public void A_byte_count_that_does_not_fit_the_quantity_asked_is_refused()
    {
        byte[] frame = [0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x01, 0x03, 0x02, 0x00, 0x01];

        Should.Throw<ModbusFormatException>(() => ModbusCodec.DecodeResponse(frame, ModbusRequest.ReadHoldingRegisters(1, 0, 2)));
    }

    [Fact]
    public void A_write_echo_that_differs_from_the_request_is_refused()
    {
        byte[] frame = [0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x06, 0x00, 0x01, 0x00, 0x07];

        Should.Throw<ModbusFormatException>(() => ModbusCodec.DecodeResponse(frame, ModbusRequest.WriteSingleRegister(1, 1, 8)));
        ModbusCodec.DecodeResponse(frame, ModbusRequest.WriteSingleRegister(1, 1, 7)).Value.ShouldBe((ushort)7);
    }

    [Fact]
    public void Requests_outside_the_protocol_limits_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ModbusRequest.ReadHoldingRegisters(1, 0, 126));
        Should.Throw<ArgumentOutOfRangeException>(() => ModbusRequest.ReadCoils(1, 0, 2001));
        Should.Throw<ArgumentOutOfRangeException>(() => ModbusRequest.ReadInputRegisters(1, 65535, 2));
        Should.Throw<ArgumentOutOfRangeException>(() => ModbusRequest.WriteMultipleRegisters(1, 0, new ushort[124]));
        Should.Throw<ArgumentOutOfRangeException>(() => ModbusRequest.WriteMultipleCoils(1, 0, []));
        Should.NotThrow(() => ModbusRequest.ReadHoldingRegisters(1, 65411, 125));
    }

    [Fact]
    public void Every_request_round_trips() => Holds<(ushort TransactionId, byte Unit, byte Kind, ushort Address, ushort[] Values, bool[] Bits)>(input =>
    {
        var values = input.Values ?? [];
        var bits = input.Bits ?? [];
        var request = MakeRequest(input.Unit, input.Kind % 8, input.Address, values, bits);
        if (request is null)
        {
            return true;
        }

        var decoded = ModbusCodec.DecodeRequest(Encode(request, input.TransactionId), out var transactionId);

        return transactionId == input.TransactionId
            && decoded.UnitId == request.UnitId
            && decoded.Function == request.Function
            && decoded.Address == request.Address
            && decoded.Quantity == request.Quantity
            && decoded.Registers.Span.SequenceEqual(request.Registers.Span)
            && decoded.Coils.Span.SequenceEqual(request.Coils.Span);
    }, 500);

    [Fact]
    public void Every_response_round_trips() => Holds<(ushort TransactionId, byte Unit, byte Kind, byte[] Data, ushort Address, ushort Value, byte Exception)>(input =>
    {
        var function = Functions[input.Kind % 8];
        var data = (input.Data ?? []).Take(250).ToArray();
        ModbusResponse response;
        if (input.Exception is > 0 and < 128)
        {
            response = new ModbusResponse(input.TransactionId, input.Unit, function, (ModbusExceptionCode)input.Exception, default);
        }
        else if (function <= ModbusFunctionCode.ReadInputRegisters)
        {
            if (data.Length == 0 || (function >= ModbusFunctionCode.ReadHoldingRegisters && data.Length % 2 != 0))
            {
                return true;
            }

            response = new ModbusResponse(input.TransactionId, input.Unit, function, ModbusExceptionCode.None, data);
        }
        else
        {
            var value = function == ModbusFunctionCode.WriteSingleCoil ? (ushort)(input.Value % 2 == 0 ? 0 : 0xFF00) : input.Value;
            response = new ModbusResponse(input.TransactionId, input.Unit, function, ModbusExceptionCode.None, default, input.Address, value);
        }

        var buffer = new byte[MbapHeader.MaxFrameSize];
        var length = ModbusCodec.EncodeResponse(response, buffer);
        var decoded = ModbusCodec.DecodeResponse(buffer.AsSpan(0, length));

        return decoded.TransactionId == response.TransactionId
            && decoded.UnitId == response.UnitId
            && decoded.Function == response.Function
            && decoded.ExceptionCode == response.ExceptionCode
            && decoded.Data.Span.SequenceEqual(response.Data.Span)
            && decoded.Address == response.Address
            && decoded.Value == response.Value;
    }, 500);

    [Fact]
    public void Random_bytes_decode_or_give_the_format_exception() => Holds<byte[]>(bytes =>
        DecodesOrFormatException(bytes ?? []), 2000);

    [Fact]
    public void Random_bytes_behind_a_valid_header_decode_or_give_the_format_exception() => Holds<(byte Unit, byte[] Pdu)>(input =>
    {
        var pdu = (input.Pdu ?? []).Take(MbapHeader.MaxPduSize).ToArray();
        var frame = new byte[MbapHeader.Size + pdu.Length];
        new MbapHeader(1, 0, (ushort)(pdu.Length + 1), input.Unit).Write(frame);
        pdu.CopyTo(frame, MbapHeader.Size);
        return DecodesOrFormatException(frame);
    }, 2000);

    [Fact]
    public void Mutated_valid_frames_decode_or_give_the_format_exception() => Holds<(PositiveInt Position, byte Replacement, byte Which)>(change =>
    {
        var frames = ValidFrames();
        var frame = frames[change.Which % frames.Length];
        frame[change.Position.Get % frame.Length] = change.Replacement;
        return DecodesOrFormatException(frame);
    }, 5000);

    private static readonly ModbusFunctionCode[] Functions = Enum.GetValues<ModbusFunctionCode>();

    private static readonly ModbusRequest[] ProbeRequests =
    [
        ModbusRequest.ReadCoils(1, 0, 19),
        ModbusRequest.ReadHoldingRegisters(1, 0, 3),
        ModbusRequest.ReadInputRegisters(1, 0, 1),
        ModbusRequest.WriteSingleCoil(1, 1, true),
        ModbusRequest.WriteMultipleRegisters(1, 1, [1, 2]),
    ];

    private static byte[][] ValidFrames() =>
    [
        [0x00, 0x01, 0x00, 0x00, 0x00, 0x09, 0x01, 0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64],
        [0x00, 0x02, 0x00, 0x00, 0x00, 0x06, 0x01, 0x01, 0x03, 0xCD, 0x6B, 0x05],
        [0x00, 0x05, 0x00, 0x00, 0x00, 0x03, 0x01, 0x83, 0x02],
        [0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x05, 0x00, 0x01, 0xFF, 0x00],
        [0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x10, 0x00, 0x01, 0x00, 0x02],
        Encode(ModbusRequest.WriteMultipleRegisters(1, 1, [1, 2, 3]), 9),
        Encode(ModbusRequest.WriteMultipleCoils(1, 1, [true, false, true]), 9),
    ];

    private static ModbusRequest? MakeRequest(byte unit, int kind, ushort address, ushort[] values, bool[] bits)
    {
        var function = Functions[kind];
        var room = 65536 - address;
        return function switch
        {
            <= ModbusFunctionCode.ReadInputRegisters => ModbusRequest.Read(unit, function, address,
                1 + (values.Length % Math.Min(room, function <= ModbusFunctionCode.ReadDiscreteInputs ? ModbusRequest.MaxReadBits : ModbusRequest.MaxReadRegisters))),
            ModbusFunctionCode.WriteSingleCoil => ModbusRequest.WriteSingleCoil(unit, address, bits.Length % 2 == 1),
            ModbusFunctionCode.WriteSingleRegister => ModbusRequest.WriteSingleRegister(unit, address, values.FirstOrDefault()),
            ModbusFunctionCode.WriteMultipleCoils when bits.Length > 0 =>
                ModbusRequest.WriteMultipleCoils(unit, address, bits.AsSpan(0, Math.Min(Math.Min(bits.Length, room), ModbusRequest.MaxWriteBits))),
            ModbusFunctionCode.WriteMultipleRegisters when values.Length > 0 =>
                ModbusRequest.WriteMultipleRegisters(unit, address, values.AsSpan(0, Math.Min(Math.Min(values.Length, room), ModbusRequest.MaxWriteRegisters))),
            _ => null,
        };
    }

    private static byte[] Encode(ModbusRequest request, ushort transactionId)
    {
        var buffer = new byte[request.FrameSize];
        ModbusCodec.EncodeRequest(request, transactionId, buffer).ShouldBe(buffer.Length);
        return buffer;
    }

    private static bool DecodesOrFormatException(byte[] frame)
    {
        Try(() => ModbusCodec.DecodeResponse(frame));
        Try(() => ModbusCodec.DecodeRequest(frame, out _));
        Try(() => ModbusCodec.FrameSize(frame));
        foreach (var request in ProbeRequests)
        {
            Try(() => ModbusCodec.DecodeResponse(frame, request));
        }

        return true;
    }

    private static void Try(Action decode)
    {
        try
        {
            decode();
        }
        catch (ModbusFormatException)
        {
            // The only failure allowed.
        }
    }

    private static void Holds<T>(Func<T, bool> property, int maxTest = 200) =>
        Prop.ForAll(ArbMap.Default.ArbFor<T>(), property).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));
}
