using Nightshift.Core.Assets;
using Nightshift.Server.Components.Display;
using Nightshift.Server.Components.Live;

namespace Nightshift.Server.Tests.Components;

public class DisplayFormatTests
{
    [Theory]
    [InlineData(1234.5678, "1,234.6")]
    [InlineData(12.345, "12.35")]
    [InlineData(0.01234, "0.012")]
    [InlineData(0.0, "0")]
    [InlineData(123456.7, "123,457")]
    public void Numbers_get_a_precision_that_suits_their_size(double value, string expected) =>
        ValueFormat.Value(value).ShouldBe(expected);

    [Fact]
    public void Other_values_are_shown_plainly()
    {
        ValueFormat.Value(123456L).ShouldBe("123,456");
        ValueFormat.Value(true).ShouldBe("On");
        ValueFormat.Value("Running").ShouldBe("Running");
        ValueFormat.Value(null).ShouldBe(ValueFormat.Missing);
        ValueFormat.Value(double.NaN).ShouldBe(ValueFormat.Missing);
    }

    [Fact]
    public void Durations_show_their_two_largest_units()
    {
        ValueFormat.Duration(TimeSpan.FromSeconds(12)).ShouldBe("12s");
        ValueFormat.Duration(TimeSpan.FromSeconds(252)).ShouldBe("4m 12s");
        ValueFormat.Duration(TimeSpan.FromSeconds(3725)).ShouldBe("1h 02m");
        ValueFormat.Duration(TimeSpan.FromHours(52)).ShouldBe("2d 04h");
        ValueFormat.Duration(null).ShouldBe(ValueFormat.Missing);
    }

    [Fact]
    public void Times_are_shown_in_the_site_time_zone_with_the_date_when_not_today()
    {
        var berlin = TimeZones.Resolve("Europe/Berlin");
        var now = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

        ValueFormat.Time(now.AddMinutes(-30), berlin, now).ShouldBe("12:30:00");
        ValueFormat.Time(now.AddDays(-1), berlin, now).ShouldBe("2026-11-24 13:00:00");
    }

    [Fact]
    public void Unknown_time_zones_fall_back_to_utc()
    {
        TimeZones.Resolve("Mars/Olympus_Mons").ShouldBe(TimeZoneInfo.Utc);
        TimeZones.Resolve(null).ShouldBe(TimeZoneInfo.Utc);
    }

    [Fact]
    public void Unit_annotations_lose_their_braces()
    {
        ValueFormat.Unit("{count}").ShouldBe("count");
        ValueFormat.Unit("kW").ShouldBe("kW");
        ValueFormat.Unit(null).ShouldBeNull();
    }

    [Fact]
    public void State_colours_come_from_the_state_model_and_only_hex_colours_pass()
    {
        var model = new StateModel("custom", [new("Running", StateCategory.Productive, "#00ff00"), new("Weird", StateCategory.Idle, "red;background:url(x)")]);

        StateColors.Of(model, new EquipmentStatus("Running", default, true, true, 1)).ShouldBe("#00ff00");
        StateColors.Of(model, new EquipmentStatus("Weird", default, true, true, 1)).ShouldBe(StateColors.Unknown);
        StateColors.Of(model, new EquipmentStatus("Unheard", default, true, true, 1)).ShouldBe(StateColors.Unknown);
        StateColors.Of(model, new EquipmentStatus("Running", default, false, true, 1)).ShouldBe(StateColors.Offline);
        StateColors.Of(model, new EquipmentStatus(null, default, false, false, 0)).ShouldBe(StateColors.Unknown);
    }
}
