using System.Text;
using Nightshift.Core.Samples;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Tests.Ingest;

public class IngestRequestParserTests
{
    private static readonly DateTime Received = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static bool Parse(string json, out IReadOnlyList<Nightshift.Core.Ingest.SourceBatch> batches, out string? error) =>
        IngestRequestParser.TryParse(Encoding.UTF8.GetBytes(json), "t1", Received, out batches, out error);

    [Fact]
    public void Samples_are_grouped_per_equipment_with_typed_values()
    {
        const string json = """
            {"samples":[
              {"tag":"lab/bench/pump-1.temperature","value":21.5,"timestamp":"2026-11-25T07:00:00Z"},
              {"tag":"lab/bench/pump-1.count","value":12},
              {"tag":"lab/bench/pump-2.running","value":true,"quality":"uncertain"},
              {"tag":"lab/bench/pump-2.mode","value":"auto"}
            ]}
            """;

        Parse(json, out var batches, out var error).ShouldBeTrue(error);

        batches.Count.ShouldBe(2);
        var pump1 = batches.Single(b => b.Source == "api/lab/bench/pump-1");
        pump1.Tenant.ShouldBe("t1");
        pump1.Points[0].Value.ShouldBe(SampleValue.FromDouble(21.5));
        pump1.Points[0].Timestamp.ShouldBe(new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc));
        pump1.Points[1].Value.Kind.ShouldBe(ValueKind.Long);
        pump1.Points[1].Timestamp.ShouldBe(Received);
        var pump2 = batches.Single(b => b.Source == "api/lab/bench/pump-2");
        pump2.Points[0].Quality.ShouldBe(Quality.Uncertain);
        pump2.Points[1].Value.AsString().ShouldBe("auto");
    }

    [Theory]
    [InlineData("{not json", "invalid JSON")]
    [InlineData("[]", "'samples' array")]
    [InlineData("""{"samples":[{"value":1}]}""", "samples[0]: 'tag' is required")]
    [InlineData("""{"samples":[{"tag":"lab/x.t","value":1},{"tag":"no-dot","value":1}]}""", "samples[1]: tag:")]
    [InlineData("""{"samples":[{"tag":"lab/x.t","value":1,"timestamp":"yesterday"}]}""", "samples[0]: timestamp:")]
    [InlineData("""{"samples":[{"tag":"lab/x.t","value":1,"timestamp":"2026-11-25T08:00:00"}]}""", "with a zone")]
    [InlineData("""{"samples":[{"tag":"lab/x.t"}]}""", "'value' is required")]
    [InlineData("""{"samples":[{"tag":"lab/x.t","value":null}]}""", "null only with a bad quality")]
    [InlineData("""{"samples":[{"tag":"lab/x.t","value":[1,2]}]}""", "value:")]
    [InlineData("""{"samples":[{"tag":"lab/x.t","value":1,"quality":"great"}]}""", "quality:")]
    public void An_invalid_request_is_refused_with_a_reason_that_names_the_sample(string json, string reason)
    {
        Parse(json, out var batches, out var error).ShouldBeFalse();

        batches.ShouldBeEmpty();
        error.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void A_null_value_with_a_bad_quality_is_a_quality_only_sample()
    {
        Parse("""{"samples":[{"tag":"lab/x.t","value":null,"quality":"bad"}]}""", out var batches, out var error).ShouldBeTrue(error);

        batches[0].Points[0].Value.Kind.ShouldBe(ValueKind.None);
        batches[0].Points[0].Quality.IsBad.ShouldBeTrue();
    }

    [Fact]
    public void Numbers_with_a_fraction_or_exponent_are_doubles_and_integers_are_longs()
    {
        Parse("""{"samples":[{"tag":"a/b.x","value":2.0},{"tag":"a/b.y","value":1e3},{"tag":"a/b.z","value":9007199254740993}]}""", out var batches, out var error).ShouldBeTrue(error);

        var points = batches[0].Points;
        points[0].Value.Kind.ShouldBe(ValueKind.Double);
        points[1].Value.Kind.ShouldBe(ValueKind.Double);
        points[2].Value.ShouldBe(SampleValue.FromLong(9007199254740993));
    }
}
