using FsCheck;
using FsCheck.Fluent;
using Nightshift.Connectivity.Modbus;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests.Modbus;

public sealed class ModbusValueConverterTests
{
    public static TheoryData<ModbusDataType, ModbusByteOrder, ushort[], SampleValue> KnownVectors => new()
    {
        { ModbusDataType.Float32, ModbusByteOrder.ABCD, [0x42F6, 0xE979], SampleValue.FromDouble(123.456f) },
        { ModbusDataType.Float32, ModbusByteOrder.CDAB, [0xE979, 0x42F6], SampleValue.FromDouble(123.456f) },
        { ModbusDataType.Float32, ModbusByteOrder.BADC, [0xF642, 0x79E9], SampleValue.FromDouble(123.456f) },
        { ModbusDataType.Float32, ModbusByteOrder.DCBA, [0x79E9, 0xF642], SampleValue.FromDouble(123.456f) },
        { ModbusDataType.Int32, ModbusByteOrder.ABCD, [0xF8A4, 0x32EB], SampleValue.FromLong(-123456789) },
        { ModbusDataType.Int32, ModbusByteOrder.CDAB, [0x32EB, 0xF8A4], SampleValue.FromLong(-123456789) },
        { ModbusDataType.Int32, ModbusByteOrder.BADC, [0xA4F8, 0xEB32], SampleValue.FromLong(-123456789) },
        { ModbusDataType.Int32, ModbusByteOrder.DCBA, [0xEB32, 0xA4F8], SampleValue.FromLong(-123456789) },
        { ModbusDataType.UInt32, ModbusByteOrder.ABCD, [0xB2D0, 0x5E00], SampleValue.FromLong(3_000_000_000) },
        { ModbusDataType.UInt32, ModbusByteOrder.CDAB, [0x5E00, 0xB2D0], SampleValue.FromLong(3_000_000_000) },
        { ModbusDataType.UInt32, ModbusByteOrder.BADC, [0xD0B2, 0x005E], SampleValue.FromLong(3_000_000_000) },
        { ModbusDataType.UInt32, ModbusByteOrder.DCBA, [0x005E, 0xD0B2], SampleValue.FromLong(3_000_000_000) },
        { ModbusDataType.Float64, ModbusByteOrder.ABCD, [0xC0C3, 0x4A45, 0x87E7, 0xC06E], SampleValue.FromDouble(-9876.54321) },
        { ModbusDataType.Float64, ModbusByteOrder.CDAB, [0xC06E, 0x87E7, 0x4A45, 0xC0C3], SampleValue.FromDouble(-9876.54321) },
        { ModbusDataType.Float64, ModbusByteOrder.BADC, [0xC3C0, 0x454A, 0xE787, 0x6EC0], SampleValue.FromDouble(-9876.54321) },
        { ModbusDataType.Float64, ModbusByteOrder.DCBA, [0x6EC0, 0xE787, 0x454A, 0xC3C0], SampleValue.FromDouble(-9876.54321) },
        { ModbusDataType.Int16, ModbusByteOrder.ABCD, [0xFB2E], SampleValue.FromLong(-1234) },
        { ModbusDataType.Int16, ModbusByteOrder.CDAB, [0xFB2E], SampleValue.FromLong(-1234) },
        { ModbusDataType.Int16, ModbusByteOrder.BADC, [0x2EFB], SampleValue.FromLong(-1234) },
        { ModbusDataType.Int16, ModbusByteOrder.DCBA, [0x2EFB], SampleValue.FromLong(-1234) },
        { ModbusDataType.UInt16, ModbusByteOrder.ABCD, [0xD431], SampleValue.FromLong(54321) },
        { ModbusDataType.UInt16, ModbusByteOrder.BADC, [0x31D4], SampleValue.FromLong(54321) },
    };

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Known_registers_decode_to_their_value(ModbusDataType type, ModbusByteOrder order, ushort[] registers, SampleValue expected)
    {
        ModbusValueConverter.Decode(registers, type, order).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void A_value_encodes_to_its_known_registers(ModbusDataType type, ModbusByteOrder order, ushort[] registers, SampleValue value)
    {
        var encoded = new ushort[registers.Length];

        ModbusValueConverter.Encode(value, type, order, 1, 0, encoded);

        encoded.ShouldBe(registers);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(13, true)]
    [InlineData(14, false)]
    [InlineData(15, true)]
    public void A_bit_of_a_register_decodes_to_a_bool(int bit, bool expected)
    {
        ModbusValueConverter.Decode([0xA005], ModbusDataType.Bit, bit: bit).ShouldBe(SampleValue.FromBool(expected));
    }

    [Fact]
    public void Setting_a_bit_changes_only_that_bit()
    {
        ModbusValueConverter.SetBit(0xA005, 1, true).ShouldBe((ushort)0xA007);
        ModbusValueConverter.SetBit(0xA005, 15, false).ShouldBe((ushort)0x2005);
        ModbusValueConverter.SetBit(0xA005, 0, true).ShouldBe((ushort)0xA005);
    }

    [Fact]
    public void Scale_and_offset_give_the_engineering_value_as_a_double()
    {
        ModbusValueConverter.Decode([2150], ModbusDataType.UInt16, scale: 0.01, offset: -40).AsDouble().ShouldBe(-18.5, 1e-9);
        ModbusValueConverter.Decode([0xFB2E], ModbusDataType.Int16, scale: 0.1).Kind.ShouldBe(ValueKind.Double);
    }

    [Fact]
    public void Writing_an_engineering_value_inverts_scale_and_offset()
    {
        var registers = new ushort[1];

        ModbusValueConverter.Encode(SampleValue.FromDouble(-18.5), ModbusDataType.UInt16, ModbusByteOrder.ABCD, 0.01, -40, registers);

        registers[0].ShouldBe((ushort)2150);
    }

    [Fact]
    public void A_value_that_does_not_fit_its_type_is_refused()
    {
        var registers = new ushort[2];

        Should.Throw<ArgumentOutOfRangeException>(() => ModbusValueConverter.Encode(SampleValue.FromLong(70000), ModbusDataType.UInt16, ModbusByteOrder.ABCD, 1, 0, registers));
        Should.Throw<ArgumentOutOfRangeException>(() => ModbusValueConverter.Encode(SampleValue.FromLong(-1), ModbusDataType.UInt32, ModbusByteOrder.ABCD, 1, 0, registers));
        Should.Throw<ArgumentOutOfRangeException>(() => ModbusValueConverter.Encode(SampleValue.FromDouble(double.NaN), ModbusDataType.Int32, ModbusByteOrder.ABCD, 1, 0, registers));
        Should.Throw<ArgumentException>(() => ModbusValueConverter.Encode(SampleValue.FromString("x"), ModbusDataType.Int32, ModbusByteOrder.ABCD, 1, 0, registers));
    }

    [Fact]
    public void Every_integer_type_and_order_round_trips() => Holds<(int Value, byte Type, byte Order)>(input =>
    {
        ModbusDataType[] types = [ModbusDataType.Int16, ModbusDataType.UInt16, ModbusDataType.Int32, ModbusDataType.UInt32];
        var type = types[input.Type % types.Length];
        long value = type switch
        {
            ModbusDataType.Int16 => (short)input.Value,
            ModbusDataType.UInt16 => (ushort)input.Value,
            ModbusDataType.UInt32 => (uint)input.Value,
            _ => input.Value,
        };
        return RoundTrips(SampleValue.FromLong(value), type, (ModbusByteOrder)(input.Order % 4));
    }, 1000);

    [Fact]
    public void Every_float_and_order_round_trips() => Holds<(NormalFloat Value, bool Double, byte Order)>(input =>
    {
        var value = input.Double ? input.Value.Get : (double)(float)input.Value.Get;
        return double.IsInfinity(value)
            || RoundTrips(SampleValue.FromDouble(value), input.Double ? ModbusDataType.Float64 : ModbusDataType.Float32, (ModbusByteOrder)(input.Order % 4));
    }, 1000);

    private static bool RoundTrips(SampleValue value, ModbusDataType type, ModbusByteOrder order)
    {
        var registers = new ushort[ModbusValueConverter.Width(type)];
        ModbusValueConverter.Encode(value, type, order, 1, 0, registers);
        return ModbusValueConverter.Decode(registers, type, order) == value;
    }

    private static void Holds<T>(Func<T, bool> property, int maxTest = 200) =>
        Prop.ForAll(ArbMap.Default.ArbFor<T>(), property).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));
}
