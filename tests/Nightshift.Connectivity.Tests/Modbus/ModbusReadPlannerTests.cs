using Nightshift.Connectivity.Modbus;

namespace Nightshift.Connectivity.Tests.Modbus;

public sealed class ModbusReadPlannerTests
{
    [Fact]
    public void Contiguous_registers_of_one_unit_and_table_become_one_request()
    {
        var blocks = ModbusReadPlanner.Plan(
        [
            Holding("a", 1, 10, ModbusDataType.Float32),
            Holding("b", 1, 12, ModbusDataType.Int16),
            Holding("c", 1, 13, ModbusDataType.Float64),
        ]);

        var block = blocks.ShouldHaveSingleItem();
        block.Address.ShouldBe((ushort)10);
        block.Quantity.ShouldBe(7);
        block.Points.Select(p => p.Name).ShouldBe(["a", "b", "c"]);
        block.Request.Function.ShouldBe(ModbusFunctionCode.ReadHoldingRegisters);
    }

    [Fact]
    public void Near_registers_are_coalesced_across_a_small_gap_but_not_a_large_one()
    {
        var blocks = ModbusReadPlanner.Plan(
        [
            Holding("a", 1, 0, ModbusDataType.UInt16),
            Holding("b", 1, 5, ModbusDataType.UInt16),
            Holding("c", 1, 40, ModbusDataType.UInt16),
        ], maxRegisterGap: 8);

        blocks.Select(b => (b.Address, b.Quantity)).ShouldBe([((ushort)0, 6), ((ushort)40, 1)]);
    }

    [Fact]
    public void A_gap_of_zero_coalesces_only_touching_points()
    {
        var blocks = ModbusReadPlanner.Plan(
        [
            Holding("a", 1, 0, ModbusDataType.Int32),
            Holding("b", 1, 2, ModbusDataType.UInt16),
            Holding("c", 1, 4, ModbusDataType.UInt16),
        ], maxRegisterGap: 0);

        blocks.Select(b => (b.Address, b.Quantity)).ShouldBe([((ushort)0, 3), ((ushort)4, 1)]);
    }

    [Fact]
    public void A_block_never_exceeds_125_registers()
    {
        var points = Enumerable.Range(0, 100).Select(i => Holding($"p{i}", 1, (ushort)(2 * i), ModbusDataType.Float32)).ToList();

        var blocks = ModbusReadPlanner.Plan(points);

        blocks.ShouldAllBe(b => b.Quantity <= 125);
        blocks.Select(b => b.Quantity).ShouldBe([124, 76]);
        blocks.Sum(b => b.Points.Count).ShouldBe(100);
    }

    [Fact]
    public void A_block_never_exceeds_2000_coils()
    {
        var points = Enumerable.Range(0, 2500).Select(i => new ModbusPoint($"c{i}", 1, ModbusTable.Coil, (ushort)i, ModbusDataType.Bool)).ToList();

        var blocks = ModbusReadPlanner.Plan(points);

        blocks.Select(b => (b.Address, b.Quantity)).ShouldBe([((ushort)0, 2000), ((ushort)2000, 500)]);
        blocks[0].Request.Function.ShouldBe(ModbusFunctionCode.ReadCoils);
    }

    [Fact]
    public void Units_and_tables_are_never_mixed_in_one_request()
    {
        var blocks = ModbusReadPlanner.Plan(
        [
            Holding("a", 2, 0, ModbusDataType.UInt16),
            Holding("b", 1, 1, ModbusDataType.UInt16),
            new ModbusPoint("c", 1, ModbusTable.InputRegister, 2, ModbusDataType.UInt16),
            new ModbusPoint("d", 1, ModbusTable.DiscreteInput, 0, ModbusDataType.Bool),
            Holding("e", 1, 0, ModbusDataType.UInt16),
        ]);

        blocks.Select(b => (b.UnitId, b.Table, b.Points.Count)).ShouldBe(
        [
            ((byte)1, ModbusTable.DiscreteInput, 1),
            ((byte)1, ModbusTable.InputRegister, 1),
            ((byte)1, ModbusTable.HoldingRegister, 2),
            ((byte)2, ModbusTable.HoldingRegister, 1),
        ]);
    }

    [Fact]
    public void Overlapping_points_share_their_registers()
    {
        var blocks = ModbusReadPlanner.Plan(
        [
            Holding("whole", 1, 18, ModbusDataType.UInt16),
            Holding("bit0", 1, 18, ModbusDataType.Bit) with { Bit = 0 },
            Holding("bit15", 1, 18, ModbusDataType.Bit) with { Bit = 15 },
        ]);

        var block = blocks.ShouldHaveSingleItem();
        block.Quantity.ShouldBe(1);
        block.Points.Count.ShouldBe(3);
    }

    [Fact]
    public void Inconsistent_points_are_refused()
    {
        Should.Throw<ArgumentException>(() => ModbusReadPlanner.Plan([new ModbusPoint("x", 1, ModbusTable.Coil, 0, ModbusDataType.Int16)]));
        Should.Throw<ArgumentException>(() => ModbusReadPlanner.Plan([Holding("x", 1, 0, ModbusDataType.Bool)]));
        Should.Throw<ArgumentException>(() => ModbusReadPlanner.Plan([Holding("x", 1, 0, ModbusDataType.Bit) with { Bit = 16 }]));
        Should.Throw<ArgumentException>(() => ModbusReadPlanner.Plan([Holding("x", 1, 65535, ModbusDataType.Float32)]));
        Should.Throw<ArgumentException>(() => ModbusReadPlanner.Plan([Holding("x", 1, 0, ModbusDataType.Int16) with { Scale = 0 }]));
    }

    private static ModbusPoint Holding(string name, byte unit, ushort address, ModbusDataType type) =>
        new(name, unit, ModbusTable.HoldingRegister, address, type);
}
