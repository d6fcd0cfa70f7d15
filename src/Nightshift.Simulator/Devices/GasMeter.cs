using Nightshift.Core.Assets;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Devices;

/// <summary>
/// The site gas meter: the paint oven's burners plus space heating, which burns about 4 m3/h per kelvin that the
/// outdoor air is below 15 °C. The volume counter only rises.
/// </summary>
internal sealed class GasMeter : UtilityDevice
{
    public const string Type = "GasMeter";

    private const int StateIndex = 0;
    private const int FlowIndex = 1;
    private const int VolumeIndex = 2;

    private static readonly MetricDefinition[] Definitions =
    [
        new("state", TagDataType.String),
        new("flow", TagDataType.Double, "m3/h", 0, 400, 1),
        new("volume", TagDataType.Long, "m3"),
    ];

    private double _volume;

    public GasMeter(string edgeNodeId, string id, int plantSeed, DateTime start)
        : base(edgeNodeId, id, Type, Definitions, plantSeed, meanTimeBetweenFailures: 0, meanTimeToRepair: 0, minimumTimeToRepair: 0)
    {
        _volume = Math.Max(0, (start - new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalHours) * 150;
    }

    public override double ElectricPowerKw => 0;

    private protected override int StateMetric => StateIndex;

    private protected override void UpdateMeasurements(PlantContext context, double dt)
    {
        var heating = Math.Max(0, 15 - context.OutdoorTemperatureC) * 4 * (1 + (0.02 * Random.NextGaussian()));
        var flow = context.GasFlowM3PerHour + heating;
        _volume += flow * dt / 3600;
        Set(FlowIndex, flow);
        Set(VolumeIndex, (long)_volume);
    }
}
