using Nightshift.Core.Assets;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Devices;

/// <summary>
/// A CNC machining centre: spindle speed and load by product, tool wear that rises part by part until a tool
/// change (a one-minute Idle stop), more scrap with a worn tool, and spindle vibration rising before announced
/// spindle bearing failures.
/// </summary>
internal sealed class CncMachine : MachineDevice
{
    public const string Type = "CncMachine";

    private const int StateIndex = 0;
    private const int ProductIndexMetric = 1;
    private const int SpindleSpeedIndex = 2;
    private const int SpindleLoadIndex = 3;
    private const int ToolWearIndex = 4;
    private const int PowerIndex = 5;
    private const int VibrationIndex = 6;
    private const int GoodCountIndex = 7;
    private const int ScrapCountIndex = 8;
    private const int ToolChangeCountIndex = 9;

    private static readonly MetricDefinition[] Definitions =
    [
        new("state", TagDataType.String),
        new("productId", TagDataType.String),
        new("spindleSpeed", TagDataType.Double, "rpm", 0, 15000, 0),
        new("spindleLoad", TagDataType.Double, "%", 0, 100, 1),
        new("toolWear", TagDataType.Double, "%", 0, 100, 2),
        new("power", TagDataType.Double, "kW", 0, 60, 1),
        new("vibration", TagDataType.Double, "mm/s", 0, 20, 2),
        new("goodCount", TagDataType.Long, "{count}"),
        new("scrapCount", TagDataType.Long, "{count}"),
        new("toolChangeCount", TagDataType.Long, "{count}"),
    ];

    private static readonly MachineParameters Parameters = new(
        MeanTimeBetweenFailures: 40 * 3600,
        MeanTimeToRepair: 45 * 60,
        MinimumTimeToRepair: 10 * 60,
        DegradingFailureShare: 0.4,
        DegradationLeadMin: 3 * 3600,
        DegradationLeadMax: 8 * 3600,
        MeanTimeBetweenMicroStops: 30 * 60,
        MicroStopMin: 20,
        MicroStopMax: 240,
        OrderSizeMin: 100,
        OrderSizeMax: 300,
        ChangeoverMin: 10 * 60,
        ChangeoverMax: 20 * 60,
        ScrapRate: 0.01,
        Products: ["HINGE-BRACKET", "STRIKER-PLATE", "MOUNT-ARM", "SUBFRAME-BUSH"]);

    private static readonly double[] CycleTimes = [75, 60, 110, 90];
    private static readonly double[] SpindleSpeeds = [8000, 10000, 6000, 7500];
    private static readonly double[] Loads = [55, 40, 70, 60];
    private static readonly int[] ToolLives = [400, 500, 250, 320];

    private double _toolWear;
    private long _toolChanges;
    private double _load;
    private double _power = 5;
    private double _vibrationNoise;

    public CncMachine(string edgeNodeId, string id, int plantSeed, DateTime start)
        : base(edgeNodeId, id, Type, Definitions, plantSeed, Parameters, start, baselinePartsPerHour: 60)
    {
        _toolWear = Random.NextUniform(0, 90);
        _toolChanges = GoodCount / 300;
    }

    public override double ElectricPowerKw => _power;

    private protected override double CycleTimeSeconds => CycleTimes[ProductIndex];

    private protected override int StateMetric => StateIndex;

    private protected override double ExtraScrapRate => _toolWear > 80 ? (_toolWear - 80) / 20 * 0.04 : 0;

    private protected override void OnPartCompleted(bool good) => _toolWear += 100.0 / ToolLives[ProductIndex];

    private protected override void UpdateMeasurements(PlantContext context, double dt)
    {
        var running = State == MachineState.Running;
        var speed = running ? SpindleSpeeds[ProductIndex] * (1 + (0.002 * Random.NextGaussian())) : 0;

        // A worn tool cuts harder.
        var loadTarget = running ? Loads[ProductIndex] * (1 + (0.3 * _toolWear / 100)) + (3 * Random.NextGaussian()) : 0;
        _load += (loadTarget - _load) * Math.Min(1, dt / 2.0);
        var powerTarget = State switch
        {
            MachineState.Running => 8 + (0.3 * _load) + Random.NextGaussian(),
            MachineState.Down => 1.5,
            MachineState.Changeover => 6,
            _ => 5,
        };
        _power += (powerTarget - _power) * Math.Min(1, dt / 2.0);
        _vibrationNoise += (-_vibrationNoise * dt / 30) + (0.04 * Math.Sqrt(dt) * Random.NextGaussian());
        var vibration = running
            ? 1.4 + (0.6 * _toolWear / 100) + _vibrationNoise + (7.5 * Degradation * Degradation)
            : 0.2 + (0.1 * Math.Abs(_vibrationNoise));

        if (_toolWear >= 100)
        {
            _toolWear = 0;
            _toolChanges++;
            Pause(context, MachineState.Idle, 60, "tool change");
        }

        Set(ProductIndexMetric, ProductId);
        Set(SpindleSpeedIndex, speed);
        Set(SpindleLoadIndex, _load);
        Set(ToolWearIndex, _toolWear);
        Set(PowerIndex, _power);
        Set(VibrationIndex, vibration);
        Set(GoodCountIndex, GoodCount);
        Set(ScrapCountIndex, ScrapCount);
        Set(ToolChangeCountIndex, _toolChanges);
    }

    private protected override void OnRepaired()
    {
        // A spindle repair comes with a fresh tool.
        _toolWear = 0;
        _toolChanges++;
    }
}
