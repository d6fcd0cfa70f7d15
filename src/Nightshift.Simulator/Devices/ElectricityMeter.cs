using Nightshift.Core.Assets;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Devices;

/// <summary>
/// The grid connection meter: import power is the plant's load (machines, utilities and a building base load of
/// about 250 kW) less the solar feed-in; negative import is export. Import and export energy are separate
/// counters that only rise.
/// </summary>
internal sealed class ElectricityMeter : UtilityDevice
{
    public const string Type = "ElectricityMeter";

    private const int StateIndex = 0;
    private const int PowerIndex = 1;
    private const int ImportIndex = 2;
    private const int ExportIndex = 3;

    private static readonly MetricDefinition[] Definitions =
    [
        new("state", TagDataType.String),
        new("power", TagDataType.Double, "kW", -1000, 5000, 1),
        new("energyImport", TagDataType.Long, "kWh"),
        new("energyExport", TagDataType.Long, "kWh"),
    ];

    private double _importKwh;
    private double _exportKwh;
    private double _baseLoad = 250;

    public ElectricityMeter(string edgeNodeId, string id, int plantSeed, DateTime start)
        : base(edgeNodeId, id, Type, Definitions, plantSeed, meanTimeBetweenFailures: 0, meanTimeToRepair: 0, minimumTimeToRepair: 0)
    {
        _importKwh = Math.Max(0, (start - new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalHours) * 3000;
    }

    /// <summary>The building's base load (lighting, ventilation, IT), in kW.</summary>
    public double BaseLoadKw => _baseLoad;

    public override double ElectricPowerKw => 0;

    private protected override int StateMetric => StateIndex;

    private protected override void UpdateMeasurements(PlantContext context, double dt)
    {
        _baseLoad += ((250 - _baseLoad) * dt / 600) + (0.5 * Math.Sqrt(dt) * Random.NextGaussian());
        var power = context.PlantLoadKw + _baseLoad - context.SolarPowerKw;
        if (power >= 0)
        {
            _importKwh += power * dt / 3600;
        }
        else
        {
            _exportKwh -= power * dt / 3600;
        }

        Set(PowerIndex, power);
        Set(ImportIndex, (long)_importKwh);
        Set(ExportIndex, (long)_exportKwh);
    }
}
