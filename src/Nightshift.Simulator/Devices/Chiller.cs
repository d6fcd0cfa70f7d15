using Nightshift.Core.Assets;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Devices;

/// <summary>
/// The process chiller: a 7 °C supply, a return warmed by the heat of production (welding, machining, presses)
/// and of the building, a COP that falls as the outdoor air warms, and a chilled-water flow of 30 kg/s.
/// </summary>
internal sealed class Chiller : UtilityDevice
{
    public const string Type = "Chiller";

    private const int StateIndex = 0;
    private const int SupplyIndex = 1;
    private const int ReturnIndex = 2;
    private const int CoolingLoadIndex = 3;
    private const int PowerIndex = 4;
    private const int CopIndex = 5;

    private const double WaterFlowKgPerSecond = 30;
    private const double WaterHeatCapacity = 4.186;

    private static readonly MetricDefinition[] Definitions =
    [
        new("state", TagDataType.String),
        new("supplyTemperature", TagDataType.Double, "degC", 0, 25, 2),
        new("returnTemperature", TagDataType.Double, "degC", 0, 30, 2),
        new("coolingLoad", TagDataType.Double, "kW", 0, 1500, 1),
        new("power", TagDataType.Double, "kW", 0, 400, 1),
        new("cop", TagDataType.Double, null, 0, 10, 2),
    ];

    private double _supply = 7;
    private double _load;
    private double _power;

    public Chiller(string edgeNodeId, string id, int plantSeed)
        : base(edgeNodeId, id, Type, Definitions, plantSeed, meanTimeBetweenFailures: 800 * 3600, meanTimeToRepair: 3 * 3600, minimumTimeToRepair: 60 * 60)
    {
    }

    public override double ElectricPowerKw => _power;

    private protected override int StateMetric => StateIndex;

    private protected override void UpdateMeasurements(PlantContext context, double dt)
    {
        var loadTarget = 150 + (0.22 * context.ProductionPowerKw) + (12 * Math.Max(0, context.OutdoorTemperatureC - 10)) + (10 * Random.NextGaussian());
        _load += (Math.Max(0, loadTarget) - _load) * Math.Min(1, dt / 60);
        var running = State != MachineState.Down;
        var cop = running ? Math.Clamp(6.2 - (0.09 * (context.OutdoorTemperatureC - 10)) + (0.05 * Random.NextGaussian()), 2.5, 7.5) : 0;

        // Without the chiller the loop warms towards the return temperature of the process.
        var supplyTarget = running ? 7 + (0.05 * Random.NextGaussian()) : 18;
        _supply += (supplyTarget - _supply) * Math.Min(1, dt / (running ? 120 : 1800));
        var powerTarget = running ? _load / cop : 0;
        _power += (powerTarget - _power) * Math.Min(1, dt / 10);

        Set(SupplyIndex, _supply);
        Set(ReturnIndex, _supply + (_load / (WaterFlowKgPerSecond * WaterHeatCapacity)));
        Set(CoolingLoadIndex, _load);
        Set(PowerIndex, _power);
        Set(CopIndex, cop);
    }
}
