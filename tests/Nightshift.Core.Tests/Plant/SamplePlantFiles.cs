namespace Nightshift.Core.Tests.Plant;

/// <summary>Plant files the tests load and mutate.</summary>
internal static class SamplePlantFiles
{
    public const string FileName = "plants/test.yaml";

    /// <summary>A valid file using every field of the format. Line numbers matter to the tests: keep them.</summary>
    public const string Valid = """
        # yaml-language-server: $schema=../docs/schemas/plant.schema.json
        tenant: demo
        types:
          Press:
            description: Servo press
            stateModel: machine
            attributes:
              tonnage: { unit: t, default: "2500" }
              vendor: {}
            tags:
              state:      { type: string }
              power:      { type: double, unit: kW, min: 0, max: 900, key: true, deadband: 0.5, description: "Drive power" }
              goodCount:  { type: long, unit: "{count}" }
              running:    { type: bool }
          Meter:
            stateModel: utility
            tags:
              energy: { type: double, unit: kWh }
        sites:
          - id: stuttgart
            name: Stuttgart body plant
            timeZone: Europe/Berlin
            areas:
              - id: press-shop
                name: Press shop
                lines:
                  - id: press-line
                    name: Press line
                    cells:
                      - id: presses
                        equipment:
                          - id: press-1
                            name: Press 1
                            type: Press
                            source: spBv1.0/VirtualPlant/press-line/press-1
                            attributes: { tonnage: "1800", vendor: Schuler }
                          - id: press-2
                            type: Press
                            source: spBv1.0/VirtualPlant/press-line/press-2
                    equipment:
                      - id: line-meter
                        type: Meter
                        source: spBv1.0/VirtualPlant/press-line/meter
          - id: austin
            timeZone: America/Chicago
        """;
}
