using Nightshift.Core.Assets;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Devices;

/// <summary>
/// A spot-welding robot of a body-in-white cell: about 15 welds per body at 8–13 kA, a cycle of about a minute,
/// tip dressing every 250 welds, electrode caps that wear to 100 % and are then changed in a short stop.
/// </summary>
internal sealed class WeldingRobot : MachineDevice
{
    public const string Type = "WeldingRobot";

    private const int StateIndex = 0;
    private const int ProductIndexMetric = 1;
    private const int WeldCurrentIndex = 2;
    private const int CycleTimeIndex = 3;
    private const int WeldCountIndex = 4;
    private const int GoodCountIndex = 5;
    private const int ScrapCountIndex = 6;
    private const int PowerIndex = 7;
    private const int ElectrodeWearIndex = 8;
    private const int TipDressCountIndex = 9;

    private const int WeldsPerDressing = 250;
    private const double WearPerWeld = 0.002;
    private const double WearPerDressing = 1.5;

    private static readonly MetricDefinition[] Definitions =
    [
        new("state", TagDataType.String),
        new("productId", TagDataType.String),
        new("weldCurrent", TagDataType.Double, "kA", 0, 20, 2),
        new("cycleTime", TagDataType.Double, "s", 0, 120, 1),
        new("weldCount", TagDataType.Long, "{count}"),
        new("goodCount", TagDataType.Long, "{count}"),
        new("scrapCount", TagDataType.Long, "{count}"),
        new("power", TagDataType.Double, "kW", 0, 60, 1),
        new("electrodeWear", TagDataType.Double, "%", 0, 100, 2),
        new("tipDressCount", TagDataType.Long, "{count}"),
    ];

    private static readonly MachineParameters Parameters = new(
        MeanTimeBetweenFailures: 60 * 3600,
        MeanTimeToRepair: 25 * 60,
        MinimumTimeToRepair: 5 * 60,
        DegradingFailureShare: 0,
        DegradationLeadMin: 0,
        DegradationLeadMax: 0,
        MeanTimeBetweenMicroStops: 15 * 60,
        MicroStopMin: 15,
        MicroStopMax: 120,
        OrderSizeMin: 200,
        OrderSizeMax: 400,
        ChangeoverMin: 10 * 60,
        ChangeoverMax: 20 * 60,
        ScrapRate: 0.003,
        Products: ["BODY-SEDAN", "BODY-WAGON", "BODY-SUV"]);

    private static readonly double[] CycleTimes = [58, 62, 66];
    private static readonly int[] WeldsPerBody = [14, 16, 18];
    private static readonly double[] Currents = [9.5, 10.5, 11.5];

    private readonly long _weldBaseline;
    private double _weldProgress;
    private double _current;
    private double _cycleTime;
    private double _power = 3;
    private double _wear;
    private long _welds;
    private long _dressings;

    public WeldingRobot(string edgeNodeId, string id, int plantSeed, DateTime start)
        : base(edgeNodeId, id, Type, Definitions, plantSeed, Parameters, start, baselinePartsPerHour: 65)
    {
        _weldBaseline = GoodCount * 20;
        _wear = Random.NextUniform(0, 90);
        _cycleTime = CycleTimes[ProductIndex];
    }

    public override double ElectricPowerKw => _power;

    private protected override double CycleTimeSeconds => CycleTimes[ProductIndex];

    private protected override int StateMetric => StateIndex;

    private protected override void OnPartCompleted(bool good) =>
        _cycleTime = CycleTimes[ProductIndex] * (1 + (0.015 * Random.NextGaussian()));

    private protected override void UpdateMeasurements(PlantContext context, double dt)
    {
        var running = State == MachineState.Running;
        if (running)
        {
            _weldProgress += dt * WeldsPerBody[ProductIndex] / CycleTimes[ProductIndex];
            while (_weldProgress >= 1)
            {
                _weldProgress -= 1;
                _welds++;
                _wear += WearPerWeld;
                if (_welds % WeldsPerDressing == 0)
                {
                    _dressings++;
                    _wear += WearPerDressing;
                }
            }

            // Worn caps need more current for the same nugget.
            _current = Currents[ProductIndex] * (1 + (0.002 * _wear)) * (1 + (0.02 * Random.NextGaussian()));
        }
        else
        {
            _current = 0;
        }

        var target = State switch
        {
            MachineState.Running => 8 + (2.1 * _current) + (1.5 * Random.NextGaussian()),
            MachineState.Down => 1.0,
            _ => 3.0,
        };
        _power += (target - _power) * Math.Min(1, dt / 2.0);

        if (_wear >= 100)
        {
            _wear = 0;
            Pause(context, MachineState.Idle, 90, "electrode cap change");
        }

        Set(ProductIndexMetric, ProductId);
        Set(WeldCurrentIndex, _current);
        Set(CycleTimeIndex, _cycleTime);
        Set(WeldCountIndex, _weldBaseline + _welds);
        Set(GoodCountIndex, GoodCount);
        Set(ScrapCountIndex, ScrapCount);
        Set(PowerIndex, _power);
        Set(ElectrodeWearIndex, _wear);
        Set(TipDressCountIndex, (_weldBaseline / WeldsPerDressing) + _dressings);
    }
}
