using System.Text;
using Nightshift.Connectivity.LineProtocol;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests.LineProtocol;

public sealed class LineProtocolMappingTests
{
    private static readonly DateTime Received = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_source_is_the_measurement_then_the_tag_values_ordered_by_tag_key()
    {
        var point = Parse("cpu,region=eu,host=web1 usage_idle=3").ShouldHaveSingleItem();

        LineProtocolMapping.SourceOf(point).ShouldBe("lp/cpu/web1/eu");
        Normalizer.DiscoveredPath(LineProtocolMapping.SourceOf(point)).Value.ShouldBe("cpu/web1/eu");
    }

    [Fact]
    public void Slashes_in_names_do_not_split_segments_and_other_characters_are_sanitized_by_discovery()
    {
        var point = Parse("disk,path=/var/log,host=web\\ 1 used=1i").ShouldHaveSingleItem();

        var source = LineProtocolMapping.SourceOf(point);

        source.ShouldBe("lp/disk/web 1/-var-log");
        Normalizer.DiscoveredPath(source).Value.ShouldBe("disk/web-1/-var-log");
    }

    [Fact]
    public void Points_group_into_one_batch_per_source_with_a_sample_per_field()
    {
        var points = Parse("cpu,host=a idle=1,user=2i 1000\ncpu,host=b idle=3 1000\ncpu,host=a idle=4,mode=\"x\" 2000");

        var batches = LineProtocolMapping.ToSourceBatches("acme", points);

        batches.Select(b => b.Source).ShouldBe(["lp/cpu/a", "lp/cpu/b"]);
        batches.ShouldAllBe(b => b.Tenant == "acme");
        batches[0].Points.ShouldBe(
        [
            new SourcePoint("idle", DateTime.UnixEpoch.AddTicks(10), SampleValue.FromDouble(1), Quality.Good),
            new SourcePoint("user", DateTime.UnixEpoch.AddTicks(10), SampleValue.FromLong(2), Quality.Good),
            new SourcePoint("idle", DateTime.UnixEpoch.AddTicks(20), SampleValue.FromDouble(4), Quality.Good),
            new SourcePoint("mode", DateTime.UnixEpoch.AddTicks(20), SampleValue.FromString("x"), Quality.Good),
        ]);
        batches[1].Points.ShouldHaveSingleItem().Value.ShouldBe(SampleValue.FromDouble(3));
    }

    private static IReadOnlyList<LineProtocolPoint> Parse(string text)
    {
        var result = LineProtocolParser.Parse(Encoding.UTF8.GetBytes(text), LineProtocolPrecision.Nanoseconds, Received);
        result.Errors.ShouldBeEmpty();
        return result.Points;
    }
}
