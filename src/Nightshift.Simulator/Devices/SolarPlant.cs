using Nightshift.Core.Assets;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Devices;

/// <summary>
/// The 750 kWp rooftop solar plant: the clear-sky irradiance of the site's sun position times a cloud factor
/// (cloud cover follows a mean-reverting random process with a 20-minute memory), 86 % system efficiency.
/// Running by day, Idle at night; its energy counter only rises.
/// </summary>
internal sealed class SolarPlant : UtilityDevice
{
    public const string Type = "SolarPlant";

    private const int StateIndex = 0;
    private const int PowerIndex = 1;
    private const int IrradianceIndex = 2;
    private const int EnergyIndex = 3;

    private const double PeakPowerKw = 750;
    private const double CloudMemorySeconds = 1200;

    private static readonly MetricDefinition[] Definitions =
    [
        new("state", TagDataType.String),
        new("power", TagDataType.Double, "kW", 0, 1000, 1),
        new("irradiance", TagDataType.Double, "W/m2", 0, 1200, 1),
        new("energy", TagDataType.Long, "kWh"),
    ];

    private double _cloudCover;
    private double _energyKwh;

    public SolarPlant(string edgeNodeId, string id, int plantSeed, DateTime start)
        : base(edgeNodeId, id, Type, Definitions, plantSeed, meanTimeBetweenFailures: 0, meanTimeToRepair: 0, minimumTimeToRepair: 0)
    {
        _cloudCover = Random.NextUniform(0, 0.7);
        _energyKwh = Math.Max(0, (start - new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalHours) * 85;
    }

    /// <summary>The power fed in now, in kW.</summary>
    public double PowerKw { get; private set; }

    public override double ElectricPowerKw => -PowerKw;

    private protected override int StateMetric => StateIndex;

    private protected override MachineState OperatingState(PlantContext context) =>
        SiteClimate.ClearSkyIrradiance(context.Calendar) > 0 ? MachineState.Running : MachineState.Idle;

    private protected override void UpdateMeasurements(PlantContext context, double dt)
    {
        var sigma = 0.25 * Math.Sqrt(2.0 / CloudMemorySeconds);
        _cloudCover += ((0.35 - _cloudCover) * dt / CloudMemorySeconds) + (sigma * Math.Sqrt(dt) * Random.NextGaussian());
        _cloudCover = Math.Clamp(_cloudCover, 0, 1);
        var irradiance = SiteClimate.ClearSkyIrradiance(context.Calendar) * (1 - (0.75 * _cloudCover));
        PowerKw = PeakPowerKw * irradiance / 1000 * 0.86;
        _energyKwh += PowerKw * dt / 3600;

        Set(PowerIndex, PowerKw);
        Set(IrradianceIndex, irradiance);
        Set(EnergyIndex, (long)_energyKwh);
    }
}
