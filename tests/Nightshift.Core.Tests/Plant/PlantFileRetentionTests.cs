using Nightshift.Core.Assets;
using Nightshift.Core.Plant;

namespace Nightshift.Core.Tests.Plant;

public sealed class PlantFileRetentionTests
{
    private const string Plant = """
        types:
          Meter:
            stateModel: utility
            tags:
              power:  { type: double, class: fast }
              energy: { type: double, class: billing }
        sites:
          - id: lab
            timeZone: UTC
            areas:
              - id: utilities
                lines:
                  - id: meters
                    equipment:
                      - { id: grid, type: Meter }
        retention:
          fast:    { rawDays: 3, rollupDays: 30 }
          billing: { rollupDays: 3650 }
          keep:    {}
        """;

    [Fact]
    public void Retention_classes_are_read_with_their_days()
    {
        var model = PlantFileLoader.Load("plants/lab.yaml", Plant, "demo");

        model.Retention.ShouldBe(new Dictionary<string, HistoryRetention>
        {
            ["fast"] = new(3, 30),
            ["billing"] = new(null, 3650),
            ["keep"] = new(null, null),
        });
        model.FindType("Meter")!.Tags.Single(t => t.Name == "energy").TagClass.ShouldBe("billing");
    }

    [Theory]
    [InlineData("fast:    { rawDays: 3, rollupDays: 30 }", "fast:    { rawDays: 30, rollupDays: 3 }", "retention.fast.rollupDays", "at least as long as raw samples")]
    [InlineData("fast:    { rawDays: 3, rollupDays: 30 }", "fast:    { rawDays: 2.5 }", "retention.fast.rawDays", "whole days from 1 to 36500")]
    [InlineData("fast:    { rawDays: 3, rollupDays: 30 }", "fast:    { raw: 3 }", "retention.fast", "raw")]
    [InlineData("fast:    { rawDays: 3, rollupDays: 30 }", "\"fa st\": { rawDays: 3 }", "retention.fa st", "invalid tag class")]
    public void A_bad_retention_class_is_reported_with_its_field(string replace, string with, string field, string message)
    {
        var error = Should.Throw<PlantFileException>(() => PlantFileLoader.Load("plants/lab.yaml", Plant.Replace(replace, with, StringComparison.Ordinal), "demo"));

        error.Errors.ShouldContain(e => e.Field.StartsWith(field, StringComparison.Ordinal) && e.Message.Contains(message, StringComparison.Ordinal), error.Message);
    }
}
