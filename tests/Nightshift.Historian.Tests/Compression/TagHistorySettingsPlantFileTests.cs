using Nightshift.Core.Assets;
using Nightshift.Core.Plant;

namespace Nightshift.Historian.Tests.Compression;

/// <summary>The plant file fields that say how a tag's history is kept: <c>class</c> and <c>compression</c>.</summary>
public sealed class TagHistorySettingsPlantFileTests
{
    private const string Plant = """
        tenant: demo
        types:
          Oven:
            tags:
              temperature: { type: double, unit: degC, class: process, compression: { kind: swingingdoor, maxError: 0.5, maxInterval: 10m } }
              power:       { type: double, unit: kW, compression: { kind: deadband, maxError: 2 } }
              energy:      { type: double, unit: kWh, class: energy, compression: { kind: none } }
              state:       { type: string }
        sites:
          - id: plant
            timeZone: Europe/Berlin
            areas:
              - id: paint
                lines:
                  - id: line-1
                    equipment:
                      - id: oven-1
                        type: Oven
        """;

    [Fact]
    public void Class_and_compression_are_read_from_the_tag_definition_and_default_to_none()
    {
        var oven = PlantFileLoader.Load("plants/oven.yaml", Plant, "demo").FindType("Oven")!;

        oven.FindTag("temperature")!.TagClass.ShouldBe("process");
        oven.FindTag("temperature")!.Compression.ShouldBe(new TagCompression(CompressionKind.SwingingDoor, 0.5, TimeSpan.FromMinutes(10)));
        oven.FindTag("power")!.Compression.ShouldBe(new TagCompression(CompressionKind.Deadband, 2));
        oven.FindTag("power")!.TagClass.ShouldBeNull();
        oven.FindTag("energy")!.Compression.ShouldBe(TagCompression.None);
        oven.FindTag("state")!.Compression.ShouldBeNull();
    }

    [Theory]
    [InlineData("compression: { kind: swingingdoor }", "types.Oven.tags.temperature.compression.maxError", "missing required field 'maxError' for compression kind 'swingingdoor'")]
    [InlineData("compression: { kind: zip, maxError: 1 }", "types.Oven.tags.temperature.compression.kind", "unknown compression kind 'zip'; expected one of: none, deadband, swingingdoor")]
    [InlineData("compression: { kind: deadband, maxError: -1 }", "types.Oven.tags.temperature.compression.maxError", "maxError must not be negative")]
    [InlineData("class: 'fast lane'", "types.Oven.tags.temperature.class", "invalid tag class 'fast lane': use 1 to 64 letters, digits, '-' or '_'")]
    public void A_wrong_class_or_compression_is_reported_at_its_field(string replacement, string field, string message)
    {
        var yaml = Plant.Replace("class: process, compression: { kind: swingingdoor, maxError: 0.5, maxInterval: 10m }", replacement, StringComparison.Ordinal);

        var exception = Should.Throw<PlantFileException>(() => PlantFileLoader.Load("plants/oven.yaml", yaml, "demo"));

        exception.Errors.ShouldContain(e => e.Field == field && e.Message == message);
    }

    [Fact]
    public void Compression_on_a_string_tag_is_an_error()
    {
        var yaml = Plant.Replace("state:       { type: string }", "state:       { type: string, compression: { kind: deadband, maxError: 1 } }", StringComparison.Ordinal);

        var exception = Should.Throw<PlantFileException>(() => PlantFileLoader.Load("plants/oven.yaml", yaml, "demo"));

        exception.Errors.ShouldContain(e => e.Field == "types.Oven.tags.state.compression" && e.Message == "compression applies only to double and long tags, not to a string tag");
    }
}
