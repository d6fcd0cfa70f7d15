using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Server.Components.Live;

namespace Nightshift.Server.Tests.Components;

public class SparklineTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Values_closer_than_the_interval_update_one_newest_point()
    {
        var spark = new Sparkline(TimeSpan.FromMinutes(10)); // interval 5 s

        for (var s = 0; s <= 12; s++)
        {
            spark.Add(T0.AddSeconds(s), s);
        }

        // committed at 0, 5 and 10, and a provisional point carrying the newest value (12)
        spark.Count.ShouldBe(4);

        // the path is drawn up to the last whole interval (10 s): the provisional point waits for the next one
        spark.Path(T0.AddSeconds(12), 100, 10).Split('L').Length.ShouldBe(3);
        spark.Path(T0.AddSeconds(12), 100, 10).ShouldBeSameAs(spark.Path(T0.AddSeconds(14), 100, 10));
    }

    [Fact]
    public void The_ring_keeps_only_the_newest_points()
    {
        var spark = new Sparkline(TimeSpan.FromMinutes(10));

        for (var i = 0; i < Sparkline.Capacity * 3; i++)
        {
            spark.Add(T0.AddSeconds(i * 5), i);
        }

        spark.Count.ShouldBe(Sparkline.Capacity);
    }

    [Fact]
    public void History_goes_before_the_live_points_and_bad_values_are_skipped()
    {
        var spark = new Sparkline(TimeSpan.FromMinutes(10));
        spark.Add(T0, 100);
        var history = Enumerable.Range(1, 60)
            .Select(i => new Sample(new SeriesId(1), T0.AddSeconds(-i * 5), SampleValue.FromDouble(i), i == 3 ? Quality.Bad : Quality.Good))
            .Reverse()
            .Append(new Sample(new SeriesId(1), T0.AddSeconds(1), SampleValue.FromDouble(-1), Quality.Good))
            .ToList();

        spark.Fill(history);

        spark.Count.ShouldBe(60); // 59 good history points older than the live one, plus the live one
        var path = spark.Path(T0, 600, 100);
        path.ShouldStartWith("M");
        var last = path[(path.LastIndexOf('L') + 1)..].Split(',');
        last[0].ShouldBe("600"); // the newest point is the live one, at the right edge
        double.Parse(last[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBeLessThan(10); // the maximum, at the top less a 10% margin
    }

    [Fact]
    public void Fewer_than_two_visible_points_draw_nothing()
    {
        var spark = new Sparkline(TimeSpan.FromMinutes(10));
        spark.Add(T0.AddMinutes(-30), 1);
        spark.Add(T0, 2);

        spark.Path(T0, 100, 10).ShouldBeEmpty();
        spark.Add(T0.AddSeconds(10), double.NaN);
        spark.Path(T0.AddSeconds(10), 100, 10).ShouldBeEmpty();
    }
}
