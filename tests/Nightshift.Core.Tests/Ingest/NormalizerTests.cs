using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Core.Tests.Ingest;

public class NormalizerTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static PlantModel Plant()
    {
        var equipment = new AssetNode(AssetPath.Parse("plant/line/press-1"), AssetKind.Equipment, "Press 1", []) { TypeName = "Press", Source = "spBv1.0/G/line/p1" };
        return new PlantModel("t1", [], [new AssetNode(AssetPath.Parse("plant"), AssetKind.Site, "Plant", [equipment])]);
    }

    [Fact]
    public void A_bound_source_maps_to_its_equipment_and_metrics_to_tags_with_stable_series()
    {
        var series = new SeriesRegistry();
        var normalizer = new Normalizer(t => t == "t1" ? Plant() : null, series);
        var batch = new SourceBatch("t1", "spBv1.0/G/line/p1", [new SourcePoint("power", T0, SampleValue.FromDouble(5), Quality.Good)]);

        var first = normalizer.Normalize(batch);
        var second = normalizer.Normalize(batch);

        first.Equipment.Value.ShouldBe("plant/line/press-1");
        first.Samples[0].Tag.ShouldBe("power");
        first.Samples[0].Sample.Series.ShouldBe(second.Samples[0].Sample.Series);
        series.TryGet(first.Samples[0].Sample.Series, out var info).ShouldBeTrue();
        info.Path.ToString().ShouldBe("plant/line/press-1.power");
    }

    [Theory]
    [InlineData("spBv1.0/Lab/edge 1/pump", "Lab/edge-1/pump")]
    [InlineData("json/line-7/filler", "line-7/filler")]
    [InlineData("api/plant/line/press-1", "plant/line/press-1")]
    [InlineData("spBv1.0/Grüße/n.1", "Gr--e/n-1")]
    public void An_unbound_source_is_discovered_under_its_address(string source, string expected)
    {
        Normalizer.DiscoveredPath(source).Value.ShouldBe(expected);
    }

    [Fact]
    public void The_same_tag_path_in_two_tenants_is_two_series()
    {
        var series = new SeriesRegistry();
        var normalizer = new Normalizer(_ => null, series);
        var point = new SourcePoint("x", T0, SampleValue.FromLong(1), Quality.Good);

        var a = normalizer.Normalize(new SourceBatch("t1", "json/a/b", [point]));
        var b = normalizer.Normalize(new SourceBatch("t2", "json/a/b", [point]));

        a.Samples[0].Sample.Series.ShouldNotBe(b.Samples[0].Sample.Series);
    }
}
