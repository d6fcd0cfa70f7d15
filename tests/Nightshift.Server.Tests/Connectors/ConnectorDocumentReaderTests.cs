using Nightshift.Connectivity.Modbus;
using Nightshift.Server.Connectors;

namespace Nightshift.Server.Tests.Connectors;

public sealed class ConnectorDocumentReaderTests
{
    private const string Valid = """
        {"name":"press-hall-gateway","kind":"modbus","enabled":true,"host":"127.0.0.1","port":502,
         "equipment":"stuttgart/press-shop/press-line/presses/press-1",
         "pollGroups":[{"name":"fast","intervalMs":1000,"points":[
           {"name":"power","unit":1,"table":"holding","address":0,"type":"float32","byteOrder":"ABCD","scale":1,"offset":0,"engUnit":"kW"},
           {"name":"running","table":"coil","address":3,"type":"bool"},
           {"name":"fault","table":"holding","address":18,"type":"bit","bit":15}]}],
         "watchdog":{"missedIntervals":3}}
        """;

    private static string WithPoint(string point) => $$"""
        {"name":"g","kind":"modbus","host":"10.0.4.21","pollGroups":[{"name":"fast","intervalMs":1000,"points":[
          {"name":"a","table":"holding","address":0,"type":"uint16"},
          {"name":"b","table":"holding","address":1,"type":"uint16"},
          {{point}}]}]}
        """;

    [Fact]
    public void The_example_document_is_valid_and_builds_the_modbus_points()
    {
        var read = ConnectorDocumentReader.Read(Valid);

        read.Errors.ShouldBeEmpty();
        read.IsValid.ShouldBeTrue();
        var settings = read.Settings.ShouldNotBeNull();
        settings.Name.ShouldBe("press-hall-gateway");
        settings.Port.ShouldBe(502);
        settings.Equipment.ShouldNotBeNull().Value.ShouldBe("stuttgart/press-shop/press-line/presses/press-1");
        settings.MissedIntervals.ShouldBe(3);
        var group = settings.Groups.ShouldHaveSingleItem();
        group.Interval.ShouldBe(TimeSpan.FromSeconds(1));
        group.Points[0].ShouldBe(new ModbusPoint("power", 1, ModbusTable.HoldingRegister, 0, ModbusDataType.Float32) { Unit = "kW" });
        group.Points[1].Table.ShouldBe(ModbusTable.Coil);
        group.Points[1].UnitId.ShouldBe((byte)1);
        group.Points[2].Bit.ShouldBe(15);
    }

    [Fact]
    public void Defaults_are_filled_in_the_document_that_is_stored()
    {
        var read = ConnectorDocumentReader.Read("""
            {"name":"g","kind":"modbus","host":"gw.local","pollGroups":[{"name":"p","intervalMs":500,
             "points":[{"name":"t","table":"input","address":19,"type":"uint16","scale":0.01,"offset":-40}]}]}
            """);

        read.IsValid.ShouldBeTrue(string.Join("; ", read.Errors));
        var document = read.Document.ShouldNotBeNull();
        document.Enabled.ShouldBe(true);
        document.Port.ShouldBe(502);
        document.TimeoutMs.ShouldBe(2000);
        document.Watchdog.ShouldNotBeNull().MissedIntervals.ShouldBe(3);
        document.Reconnect.ShouldNotBeNull().MaxDelayMs.ShouldBe(30_000);
        read.Settings!.Equipment.ShouldBeNull();
        var written = ConnectorDocumentReader.Write(document);
        written.ShouldContain("\"pollGroups\"");
        ConnectorDocumentReader.Write(ConnectorDocumentReader.Read(written).Document.ShouldNotBeNull()).ShouldBe(written, "a stored document reads back the same");
    }

    [Fact]
    public void An_unknown_type_is_named_with_its_field_path()
    {
        var read = ConnectorDocumentReader.Read(WithPoint("""{"name":"c","table":"holding","address":2,"type":"flaot32"}"""));

        read.IsValid.ShouldBeFalse();
        read.Errors.ShouldContain(e => e.StartsWith("pollGroups[0].points[2].type: unknown type 'flaot32'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"name":"c","table":"holdings","address":2,"type":"uint16"}""", "pollGroups[0].points[2].table: unknown table 'holdings'")]
    [InlineData("""{"name":"c","table":"holding","address":70000,"type":"uint16"}""", "pollGroups[0].points[2].address: 70000 is outside 0..65535")]
    [InlineData("""{"name":"c","table":"holding","type":"uint16"}""", "pollGroups[0].points[2].address: required")]
    [InlineData("""{"name":"c","table":"holding","address":2,"type":"uint16","byteOrder":"ACBD"}""", "pollGroups[0].points[2].byteOrder: unknown byte order 'ACBD'")]
    [InlineData("""{"name":"c","table":"holding","address":2,"type":"bit","bit":16}""", "pollGroups[0].points[2].bit: 16 is outside 0..15")]
    [InlineData("""{"name":"c","table":"holding","address":2,"type":"uint16","scale":0}""", "pollGroups[0].points[2].scale: must be finite and not zero")]
    [InlineData("""{"name":"c","table":"coil","address":2,"type":"float32"}""", "pollGroups[0].points[2]: type: the Coil table holds bool points only")]
    [InlineData("""{"name":"c","table":"holding","address":65535,"type":"float32"}""", "pollGroups[0].points[2]: address: the value runs past address 65535")]
    [InlineData("""{"name":"a","table":"holding","address":2,"type":"uint16"}""", "pollGroups[0].points[2].name: 'a' is used by another point of unit 1")]
    [InlineData("""{"name":"c","unit":300,"table":"holding","address":2,"type":"uint16"}""", "pollGroups[0].points[2].unit: 300 is outside 0..255")]
    [InlineData("""{"name":"c","table":"holding","adress":2,"type":"uint16"}""", "pollGroups[0].points[2].adress: unknown field")]
    [InlineData("""{"name":"c","table":"holding","address":"two","type":"uint16"}""", "pollGroups[0].points[2].address: wrong type")]
    public void An_invalid_point_is_refused_with_its_field(string point, string expected)
    {
        var read = ConnectorDocumentReader.Read(WithPoint(point));

        read.IsValid.ShouldBeFalse();
        read.Errors.ShouldContain(e => e.StartsWith(expected, StringComparison.Ordinal), string.Join(" | ", read.Errors));
    }

    [Theory]
    [InlineData("""{"kind":"modbus","host":"h","pollGroups":[]}""", "name: must be")]
    [InlineData("""{"name":"a b","kind":"modbus","host":"h","pollGroups":[]}""", "name: must be")]
    [InlineData("""{"name":"g","kind":"profinet","host":"h","pollGroups":[]}""", "kind: unknown kind 'profinet' (known: modbus, opcua)")]
    [InlineData("""{"name":"g","kind":"modbus","pollGroups":[]}""", "host: required")]
    [InlineData("""{"name":"g","kind":"modbus","host":"h","port":0,"pollGroups":[]}""", "port: 0 is outside 1..65535")]
    [InlineData("""{"name":"g","kind":"modbus","host":"h","pollGroups":[]}""", "pollGroups: at least one poll group is required")]
    [InlineData("""{"name":"g","kind":"modbus","host":"h","pollGroups":[{"name":"f","intervalMs":5,"points":[]}]}""", "pollGroups[0].intervalMs: 5 is outside 10..86400000")]
    [InlineData("""{"name":"g","kind":"modbus","host":"h","pollGroups":[{"name":"f","intervalMs":100,"points":[]}]}""", "pollGroups[0].points: at least one point is required")]
    [InlineData("""{"name":"g","kind":"modbus","host":"h","equipment":"a/b c","pollGroups":[]}""", "equipment: ")]
    [InlineData("""{"name":"g","kind":"modbus","host":"h","watchdog":{"missedIntervals":-1},"pollGroups":[]}""", "watchdog.missedIntervals: -1 is outside 0..1000")]
    [InlineData("""{"name":"g","kind":"modbus","host":"h","reconnect":{"minDelayMs":1000,"maxDelayMs":500},"pollGroups":[]}""", "reconnect.maxDelayMs: 500 must be at least minDelayMs")]
    [InlineData("""{"name":"g","kind":"modbus","host":"h","enabled":"yes","pollGroups":[]}""", "enabled: wrong type")]
    [InlineData("""{"name":"g",""", "document: ")]
    [InlineData("""[1,2]""", "document: ")]
    public void An_invalid_document_is_refused_with_its_field(string json, string expected)
    {
        var read = ConnectorDocumentReader.Read(json);

        read.IsValid.ShouldBeFalse();
        read.Errors.ShouldContain(e => e.StartsWith(expected, StringComparison.Ordinal), string.Join(" | ", read.Errors));
    }

    [Fact]
    public void Every_error_of_a_document_is_reported_not_only_the_first()
    {
        var read = ConnectorDocumentReader.Read("""
            {"name":"g","kind":"modbus","host":"h","port":70000,"pollGroups":[{"name":"f","intervalMs":100,"points":[
              {"name":"x","table":"holding","address":0,"type":"flaot32"},
              {"name":"y","table":"tabel","address":0,"type":"uint16"}]}]}
            """);

        read.Errors.Count.ShouldBe(3, string.Join(" | ", read.Errors));
    }

    [Fact]
    public void Points_bound_to_one_equipment_need_names_unique_across_units()
    {
        var read = ConnectorDocumentReader.Read("""
            {"name":"g","kind":"modbus","host":"h","equipment":"plant/hall/line/cell/press","pollGroups":[{"name":"f","intervalMs":100,"points":[
              {"name":"power","unit":1,"table":"holding","address":0,"type":"uint16"},
              {"name":"power","unit":2,"table":"holding","address":0,"type":"uint16"}]}]}
            """);

        read.Errors.ShouldHaveSingleItem().ShouldStartWith("pollGroups[0].points[1].name: 'power' is used by another point of this equipment");
    }
}
