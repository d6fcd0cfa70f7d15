using Nightshift.Core.Alarms;
using Nightshift.Core.Plant;

namespace Nightshift.Core.Tests.Plant;

public class PlantFileAlarmTests
{
    private const string FileName = "plants/alarms.yaml";

    private const string Valid = """
        tenant: demo
        types:
          Press:
            tags:
              state:       { type: string }
              vibration:   { type: double, unit: mm/s }
              temperature: { type: double, unit: degC }
              setpoint:    { type: double, unit: degC }
              door:        { type: bool }
            alarms:
              vibration.hi:
                tag: vibration
                kind: high
                limit: 7.1
                deadband: 0.5
                onDelay: 10s
                offDelay: 500ms
                priority: high
                class: equipment
                latching: true
                message: Bearing vibration high
                position: press-desk
              temperature.dev: { tag: temperature, kind: deviation, limit: 5, setpointTag: setpoint, onDelay: 1.5m }
              temperature.roc: { tag: temperature, kind: rateOfChange, limit: 10, rateWindow: 2m }
              door.open:       { tag: door, kind: digital, values: [true] }
              state.fault:     { tag: state, kind: digital, values: [Down, Offline], priority: low }
              vibration.stale: { tag: vibration, kind: stale, staleAfter: 1h }
              vibration.comm:  { tag: vibration, kind: commLoss, priority: urgent }
              temperature.lolo: { tag: temperature, kind: lowLow, limit: -10 }
        sites: []
        """;

    [Fact]
    public void Alarms_of_a_type_are_read_with_every_field()
    {
        var type = PlantFileLoader.Load(FileName, Valid, "x").FindType("Press").ShouldNotBeNull();

        type.Alarms.Select(a => a.Id).ShouldBe(["vibration.hi", "temperature.dev", "temperature.roc", "door.open", "state.fault", "vibration.stale", "vibration.comm", "temperature.lolo"]);
        var hi = type.Alarms[0];
        hi.ShouldBe(new AlarmDefinition("vibration.hi", "vibration", AlarmKind.High)
        {
            Limit = 7.1,
            Deadband = 0.5,
            OnDelay = TimeSpan.FromSeconds(10),
            OffDelay = TimeSpan.FromMilliseconds(500),
            Priority = AlarmPriority.High,
            Class = "equipment",
            Latching = true,
            Message = "Bearing vibration high",
            Position = "press-desk",
            AlarmValues = hi.AlarmValues,
        });
        type.Alarms[1].SetpointTag.ShouldBe("setpoint");
        type.Alarms[1].OnDelay.ShouldBe(TimeSpan.FromSeconds(90));
        type.Alarms[1].Priority.ShouldBe(AlarmPriority.Medium);
        type.Alarms[1].Class.ShouldBe("process");
        type.Alarms[2].RateWindow.ShouldBe(TimeSpan.FromMinutes(2));
        type.Alarms[3].AlarmValues.ShouldBe(["true"]);
        type.Alarms[4].AlarmValues.ShouldBe(["Down", "Offline"]);
        type.Alarms[4].Priority.ShouldBe(AlarmPriority.Low);
        type.Alarms[5].StaleAfter.ShouldBe(TimeSpan.FromHours(1));
        type.Alarms[6].Kind.ShouldBe(AlarmKind.CommunicationLoss);
        type.Alarms[6].Priority.ShouldBe(AlarmPriority.Urgent);
        type.Alarms[7].Limit.ShouldBe(-10);
        type.Alarms.ShouldAllBe(a => a.Validate() == null);
    }

    [Fact]
    public void A_type_without_alarms_has_none()
    {
        var yaml = Valid[..Valid.IndexOf("    alarms:", StringComparison.Ordinal)] + "sites: []\n";

        PlantFileLoader.Load(FileName, yaml, "x").FindType("Press").ShouldNotBeNull().Alarms.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("kind: high\n", "kind: hi\n", "types.Press.alarms.vibration.hi.kind", "unknown alarm kind 'hi'; expected one of: high, highHigh, low, lowLow, rateOfChange, deviation, digital, stale, commLoss")]
    [InlineData("tag: temperature, kind: deviation", "tag: temp, kind: deviation", "types.Press.alarms.temperature.dev.tag", "unknown tag 'temp'; the alarm must watch a tag of its type")]
    [InlineData("setpointTag: setpoint", "setpointTag: sp", "types.Press.alarms.temperature.dev.setpointTag", "unknown tag 'sp'; the setpoint must be a tag of the type")]
    [InlineData("onDelay: 1.5m", "onDelay: 90", "types.Press.alarms.temperature.dev.onDelay", "expected a duration from 0s to 7 days as a number and a unit (ms, s, m, h), e.g. 30s or 5m, found '90'")]
    [InlineData("staleAfter: 1h", "staleAfter: 0s", "types.Press.alarms.vibration.stale.staleAfter", "expected a duration from above 0s to 7 days as a number and a unit (ms, s, m, h), e.g. 30s or 5m, found '0s'")]
    [InlineData("rateWindow: 2m", "rateWindow: 200h", "types.Press.alarms.temperature.roc.rateWindow", "expected a duration from above 0s to 7 days as a number and a unit (ms, s, m, h), e.g. 30s or 5m, found '200h'")]
    [InlineData("priority: urgent", "priority: critical", "types.Press.alarms.vibration.comm.priority", "unknown priority 'critical'; expected one of: urgent, high, medium, low")]
    [InlineData("deadband: 0.5\n", "deadband: -0.5\n", "types.Press.alarms.vibration.hi.deadband", "deadband must not be negative")]
    [InlineData("kind: commLoss,", "kind: commLoss, limit: 3,", "types.Press.alarms.vibration.comm.limit", "limit does not apply to a commLoss alarm")]
    [InlineData("values: [true]", "values: []", "types.Press.alarms.door.open.values", "expected a list of one or more values, found a list")]
    [InlineData("latching: true", "latching: maybe", "types.Press.alarms.vibration.hi.latching", "expected true or false, found 'maybe'")]
    [InlineData("message: Bearing vibration high", "mesage: Bearing vibration high", "types.Press.alarms.vibration.hi.mesage", "unknown field 'mesage'; expected one of: tag, kind, limit, deadband, onDelay, offDelay, priority, class, latching, message, position, setpointTag, values, staleAfter, rateWindow")]
    public void An_invalid_alarm_field_is_reported_at_its_line_with_its_field(string original, string replacement, string field, string message)
    {
        var yaml = Valid.Replace(original, replacement, StringComparison.Ordinal);
        yaml.ShouldNotBe(Valid);

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBe(field);
        error.Message.ShouldBe(message);
        error.Line.ShouldBe(LineOf(yaml, replacement));
    }

    [Theory]
    [InlineData("temperature.lolo: { tag: temperature, kind: lowLow, limit: -10 }", "temperature.lolo: { tag: temperature, kind: lowLow }", "types.Press.alarms.temperature.lolo.limit", "a lowLow alarm needs 'limit'")]
    [InlineData("door.open:       { tag: door, kind: digital, values: [true] }", "door.open:       { tag: door, kind: digital }", "types.Press.alarms.door.open.values", "a digital alarm needs 'values'")]
    [InlineData("door.open:       { tag: door, kind: digital, values: [true] }", "door.open:       { tag: door, kind: high, limit: 1 }", "types.Press.alarms.door.open.kind", "a high alarm needs a double or long tag, and 'door' is a bool tag")]
    [InlineData("temperature.roc: { tag: temperature, kind: rateOfChange, limit: 10, rateWindow: 2m }", "temperature.roc: { tag: temperature, kind: rateOfChange, limit: 10, deadband: 10 }", "types.Press.alarms.temperature.roc", "alarm 'temperature.roc': the deadband must be smaller than the limit")]
    [InlineData("door.open:       { tag: door, kind: digital, values: [true] }", "door~open:       { tag: door, kind: digital, values: [true] }", "types.Press.alarms.door~open", "invalid alarm id 'door~open': use 1 to 64 letters, digits, '-', '_' or '.'")]
    [InlineData("door.open:       { tag: door, kind: digital, values: [true] }", "door.open:       { kind: digital, values: [true] }", "types.Press.alarms.door.open.tag", "missing required field 'tag'")]
    public void A_missing_or_inconsistent_alarm_is_reported_on_its_line(string original, string replacement, string field, string message)
    {
        var yaml = Valid.Replace(original, replacement, StringComparison.Ordinal);
        yaml.ShouldNotBe(Valid);

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBe(field);
        error.Message.ShouldBe(message);
        error.Line.ShouldBe(LineOf(yaml, replacement));
    }

    [Fact]
    public void Alarms_that_are_not_a_mapping_are_reported()
    {
        var yaml = Valid[..Valid.IndexOf("    alarms:", StringComparison.Ordinal)] + "    alarms: [vibration]\nsites: []\n";

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBe("types.Press.alarms");
        error.Message.ShouldBe("expected a mapping of alarm ids to alarms, found a list");
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("250ms", 0.25)]
    [InlineData("0s", 0)]
    public void Durations_are_a_number_and_a_unit(string text, double seconds)
    {
        var yaml = Valid.Replace("onDelay: 10s", "onDelay: " + text, StringComparison.Ordinal);

        PlantFileLoader.Load(FileName, yaml, "x").FindType("Press")!.Alarms[0].OnDelay.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    private static IReadOnlyList<PlantFileError> Errors(string yaml) =>
        Should.Throw<PlantFileException>(() => PlantFileLoader.Load(FileName, yaml, "x")).Errors;

    private static int LineOf(string yaml, string text)
    {
        var index = yaml.IndexOf(text, StringComparison.Ordinal);
        index.ShouldBeGreaterThanOrEqualTo(0, text);
        return yaml[..index].Count(c => c == '\n') + 1;
    }
}
