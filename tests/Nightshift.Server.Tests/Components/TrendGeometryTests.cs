using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Server.Components.Display;

namespace Nightshift.Server.Tests.Components;

public class TrendGeometryTests
{
    private static readonly DateTime From = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = From.AddHours(1);

    private static Sample At(int seconds, double value, Quality? quality = null) =>
        new(new SeriesId(1), From.AddSeconds(seconds), SampleValue.FromDouble(value), quality ?? Quality.Good);

    [Fact]
    public void Value_axis_is_rounded_out_to_nice_ticks_around_the_data()
    {
        var geometry = new TrendGeometry([At(0, 41.3), At(60, 65.9)], From, To, 900, 300, TimeZoneInfo.Utc);

        geometry.YMin.ShouldBeLessThanOrEqualTo(41.3);
        geometry.YMax.ShouldBeGreaterThanOrEqualTo(65.9);
        geometry.ValueTicks.Select(t => t.Label).ShouldBe(["40", "45", "50", "55", "60", "65", "70"]);
        geometry.ValueTicks[0].Position.ShouldBe(geometry.PlotBottom, 0.001);
        geometry.ValueTicks[^1].Position.ShouldBe(geometry.PlotTop, 0.001);
    }

    [Fact]
    public void A_flat_series_gets_an_axis_with_room_around_its_value()
    {
        var geometry = new TrendGeometry([At(300, 42)], From, To, 900, 300, TimeZoneInfo.Utc);

        geometry.YMin.ShouldBeLessThan(42);
        geometry.YMax.ShouldBeGreaterThan(42);
        geometry.LinePath.ShouldStartWith("M");
        geometry.EnvelopePath.ShouldBeEmpty();
    }

    [Fact]
    public void Bad_quality_and_non_numeric_samples_are_not_drawn()
    {
        Sample[] samples =
        [
            At(0, 10),
            At(10, 1000, Quality.BadNotConnected),
            new(new SeriesId(1), From.AddSeconds(20), SampleValue.FromString("Running"), Quality.Good),
            At(30, double.NaN),
            At(40, 12),
        ];

        var geometry = new TrendGeometry(samples, From, To, 900, 300, TimeZoneInfo.Utc);

        geometry.PointCount.ShouldBe(2);
        geometry.Max.ShouldBe(12);
        geometry.Last.ShouldBe(12);
    }

    [Fact]
    public void A_gap_in_the_data_breaks_the_line_instead_of_bridging_it()
    {
        var samples = Enumerable.Range(0, 3600).Where(s => s is < 1200 or > 2400).Select(s => At(s, s % 10)).ToList();

        var geometry = new TrendGeometry(samples, From, To, 900, 300, TimeZoneInfo.Utc);

        geometry.LinePath.Count(c => c == 'M').ShouldBe(2);
        geometry.EnvelopePath.Count(c => c == 'Z').ShouldBe(2);
    }

    [Fact]
    public void Envelope_spans_the_minimum_and_maximum_of_a_noisy_signal()
    {
        var samples = Enumerable.Range(0, 3600).Select(s => At(s, s % 2 == 0 ? 0 : 100)).ToList();

        var geometry = new TrendGeometry(samples, From, To, 900, 300, TimeZoneInfo.Utc);

        geometry.EnvelopePath.ShouldContain(FormattableString.Invariant($",{geometry.YOf(100):0.#}"));
        geometry.EnvelopePath.ShouldContain(FormattableString.Invariant($",{geometry.YOf(0):0.#}"));
        geometry.LinePath.ShouldContain(FormattableString.Invariant($",{geometry.YOf(50):0.#}"));
    }

    [Fact]
    public void Time_ticks_fall_on_whole_steps_in_the_site_time_zone()
    {
        var berlin = TimeZones.Resolve("Europe/Berlin");

        var geometry = new TrendGeometry([], From, To, 900, 300, berlin);

        geometry.TimeTicks[0].Label.ShouldBe("09:00");
        geometry.TimeTicks[^1].Label.ShouldBe("10:00");
        geometry.TimeTicks.ShouldAllBe(t => t.Label.EndsWith('0') || t.Label.EndsWith('5'));
    }

    [Fact]
    public void Positions_map_back_to_the_times_of_the_window()
    {
        var geometry = new TrendGeometry([], From, To, 900, 300, TimeZoneInfo.Utc);

        geometry.TimeAt(geometry.PlotLeft).ShouldBe(From);
        geometry.TimeAt(geometry.PlotRight).ShouldBe(To);
        geometry.TimeAt(geometry.XOf(From.AddMinutes(20))).ShouldBe(From.AddMinutes(20), TimeSpan.FromMilliseconds(1));
        geometry.TimeAt(-100).ShouldBe(From);
    }

    [Fact]
    public void An_empty_or_reversed_window_is_refused()
    {
        Should.Throw<ArgumentException>(() => new TrendGeometry([], To, From, 900, 300, TimeZoneInfo.Utc));
    }
}
