using Nightshift.Core.Assets;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Devices;

/// <summary>
/// A 2,500 t servo press of the tandem press line: about 12 strokes per minute when running, 350–600 kW running and
/// 40 kW idle, a die that warms up with work, and bearing vibration that rises over hours before announced failures.
/// </summary>
internal sealed class ServoPress : MachineDevice
{
    public const string Type = "Press";

    private const int StateIndex = 0;
    private const int ProductIndexMetric = 1;
    private const int StrokeRateIndex = 2;
    private const int TonnageIndex = 3;
    private const int PowerIndex = 4;
    private const int DieTemperatureIndex = 5;
    private const int VibrationIndex = 6;
    private const int GoodCountIndex = 7;
    private const int ScrapCountIndex = 8;

    private static readonly MetricDefinition[] Definitions =
    [
        new("state", TagDataType.String),
        new("productId", TagDataType.String),
        new("strokeRate", TagDataType.Double, "1/min", 0, 20, 1),
        new("tonnage", TagDataType.Double, "t", 0, 2500, 0),
        new("power", TagDataType.Double, "kW", 0, 900, 1),
        new("dieTemperature", TagDataType.Double, "degC", 0, 120, 1),
        new("vibration", TagDataType.Double, "mm/s", 0, 20, 2),
        new("goodCount", TagDataType.Long, "{count}"),
        new("scrapCount", TagDataType.Long, "{count}"),
    ];

    private static readonly MachineParameters Parameters = new(
        MeanTimeBetweenFailures: 30 * 3600,
        MeanTimeToRepair: 50 * 60,
        MinimumTimeToRepair: 10 * 60,
        DegradingFailureShare: 0.5,
        DegradationLeadMin: 4 * 3600,
        DegradationLeadMax: 10 * 3600,
        MeanTimeBetweenMicroStops: 25 * 60,
        MicroStopMin: 20,
        MicroStopMax: 180,
        OrderSizeMin: 600,
        OrderSizeMax: 1500,
        ChangeoverMin: 10 * 60,
        ChangeoverMax: 20 * 60,
        ScrapRate: 0.008,
        Products: ["DOOR-FL", "DOOR-FR", "HOOD", "ROOF", "FENDER-L", "FENDER-R"]);

    // Strokes per minute and press force in tonnes for each product, index for index with Parameters.Products.
    private static readonly double[] StrokeRates = [12.0, 12.0, 10.5, 11.0, 13.5, 13.5];
    private static readonly double[] Forces = [1800, 1800, 2200, 2350, 1500, 1500];

    private double _dieTemperature = 35;
    private double _power = 40;
    private double _vibrationNoise;

    public ServoPress(string edgeNodeId, string id, int plantSeed, DateTime start)
        : base(edgeNodeId, id, Type, Definitions, plantSeed, Parameters, start, baselinePartsPerHour: 14 * 60)
    {
    }

    public override double ElectricPowerKw => _power;

    private protected override double CycleTimeSeconds => 60.0 / StrokeRates[ProductIndex];

    private protected override int StateMetric => StateIndex;

    private protected override void UpdateMeasurements(PlantContext context, double dt)
    {
        var running = State == MachineState.Running;
        var strokeRate = running ? StrokeRates[ProductIndex] * (1 + (0.01 * Random.NextGaussian())) : 0;
        var tonnage = running ? Forces[ProductIndex] * (1 + (0.02 * Random.NextGaussian())) : 0;
        var target = State switch
        {
            MachineState.Running => 250 + (Forces[ProductIndex] * 0.14) + (20 * Random.NextGaussian()),
            MachineState.Changeover => 60,
            MachineState.Down => 15,
            _ => 40,
        };
        _power += (target - _power) * Math.Min(1, dt / 3.0);
        var dieTarget = running ? 65 : 30;
        _dieTemperature += (dieTarget - _dieTemperature) * dt / 2400;
        _vibrationNoise += (-_vibrationNoise * dt / 60) + (0.05 * Math.Sqrt(dt) * Random.NextGaussian());
        var vibration = running
            ? 2.2 + _vibrationNoise + (8.5 * Degradation * Degradation)
            : 0.3 + (0.1 * Math.Abs(_vibrationNoise));

        SetProduct();
        Set(StrokeRateIndex, strokeRate);
        Set(TonnageIndex, tonnage);
        Set(PowerIndex, _power + (running ? 0 : Random.NextGaussian()));
        Set(DieTemperatureIndex, _dieTemperature);
        Set(VibrationIndex, vibration);
        Set(GoodCountIndex, GoodCount);
        Set(ScrapCountIndex, ScrapCount);
    }

    private void SetProduct() => Set(ProductIndexMetric, ProductId);
}
