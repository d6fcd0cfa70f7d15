using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Devices;

/// <summary>
/// The gas-fired paint curing oven: three zones held near 160/185/180 °C by modulating burners, a conveyor
/// carrying one body every 72 s, and exhaust and circulation fans. A burner fault (Down) lets the zones cool
/// towards the outdoor temperature; after the repair they heat up again with a high gas flow.
/// </summary>
internal sealed class PaintOven : MachineDevice
{
    public const string Type = "PaintOven";

    private const int StateIndex = 0;
    private const int Zone1Index = 1;
    private const int Zone2Index = 2;
    private const int Zone3Index = 3;
    private const int GasFlowIndex = 4;
    private const int BurnerOnIndex = 5;
    private const int ConveyorSpeedIndex = 6;
    private const int PowerIndex = 7;
    private const int BodyCountIndex = 8;
    private const int Setpoint1Index = 9;
    private const int LowestSetpoint = 100;
    private const int HighestSetpoint = 230;

    private const double ConveyorSpeed = 4.2;

    private static readonly MetricDefinition[] Definitions =
    [
        new("state", TagDataType.String),
        new("zone1Temperature", TagDataType.Double, "degC", 0, 250, 1),
        new("zone2Temperature", TagDataType.Double, "degC", 0, 250, 1),
        new("zone3Temperature", TagDataType.Double, "degC", 0, 250, 1),
        new("gasFlow", TagDataType.Double, "m3/h", 0, 250, 1),
        new("burnerOn", TagDataType.Bool),
        new("conveyorSpeed", TagDataType.Double, "m/min", 0, 10, 2),
        new("power", TagDataType.Double, "kW", 0, 300, 1),
        new("bodyCount", TagDataType.Long, "{count}"),
        new("zone1Setpoint", TagDataType.Double, "degC", LowestSetpoint, HighestSetpoint, 1),
        new("zone2Setpoint", TagDataType.Double, "degC", LowestSetpoint, HighestSetpoint, 1),
        new("zone3Setpoint", TagDataType.Double, "degC", LowestSetpoint, HighestSetpoint, 1),
    ];

    private static readonly MachineParameters Parameters = new(
        MeanTimeBetweenFailures: 200 * 3600,
        MeanTimeToRepair: 60 * 60,
        MinimumTimeToRepair: 20 * 60,
        DegradingFailureShare: 0,
        DegradationLeadMin: 0,
        DegradationLeadMax: 0,
        MeanTimeBetweenMicroStops: 2 * 3600,
        MicroStopMin: 60,
        MicroStopMax: 300,
        OrderSizeMin: 0,
        OrderSizeMax: 0,
        ChangeoverMin: 0,
        ChangeoverMax: 0,
        ScrapRate: 0,
        Products: []);

    private static readonly double[] InitialSetPoints = [160, 185, 180];

    private readonly double[] _setPoints = [.. InitialSetPoints];
    private readonly double[] _zones = new double[3];
    private double _gasFlow;
    private double _power = 150;

    public PaintOven(string edgeNodeId, string id, int plantSeed, DateTime start)
        : base(edgeNodeId, id, Type, Definitions, plantSeed, Parameters, start, baselinePartsPerHour: 50)
    {
        for (var i = 0; i < _zones.Length; i++)
        {
            _zones[i] = InitialSetPoints[i] + Random.NextGaussian();
        }
    }

    public override double ElectricPowerKw => _power;

    public override double GasFlowM3PerHour => _gasFlow;

    private protected override double CycleTimeSeconds => 72;

    private protected override int StateMetric => StateIndex;

    private protected override void UpdateMeasurements(PlantContext context, double dt)
    {
        var burnerOn = State != MachineState.Down;
        var demand = 0.0;
        for (var i = 0; i < _zones.Length; i++)
        {
            if (burnerOn)
            {
                // Burners close most of the gap in about ten minutes; at set point they only cover the losses.
                var gap = Volatile.Read(ref _setPoints[i]) - _zones[i];
                _zones[i] += (gap * dt / 600) + (0.02 * Math.Sqrt(dt) * Random.NextGaussian());
                demand += Math.Max(0, gap);
            }
            else
            {
                _zones[i] += (context.OutdoorTemperatureC - _zones[i]) * dt / 5400;
            }
        }

        var gasTarget = burnerOn
            ? 70 + (State == MachineState.Running ? 12 : 0) + (0.9 * demand) + (1.5 * Random.NextGaussian())
            : 0;
        gasTarget = Math.Min(gasTarget, 240);
        _gasFlow += (gasTarget - _gasFlow) * Math.Min(1, dt / 20);
        var powerTarget = State == MachineState.Down ? 25 : 140 + (State == MachineState.Running ? 20 : 0) + (2 * Random.NextGaussian());
        _power += (powerTarget - _power) * Math.Min(1, dt / 5);

        Set(Zone1Index, _zones[0]);
        Set(Zone2Index, _zones[1]);
        Set(Zone3Index, _zones[2]);
        Set(GasFlowIndex, _gasFlow);
        Set(BurnerOnIndex, burnerOn);
        Set(ConveyorSpeedIndex, State == MachineState.Running ? ConveyorSpeed : 0);
        Set(PowerIndex, _power);
        Set(BodyCountIndex, GoodCount);
        for (var i = 0; i < _setPoints.Length; i++)
        {
            Set(Setpoint1Index + i, Volatile.Read(ref _setPoints[i]));
        }
    }

    /// <summary>Takes a new set point of a zone (<c>zone{1..3}Setpoint</c>, 100–230 °C); the burners follow it.</summary>
    public override bool TryWrite(string metric, SampleValue value)
    {
        for (var i = 0; i < _setPoints.Length; i++)
        {
            if (string.Equals(metric, Metrics[Setpoint1Index + i].Name, StringComparison.Ordinal))
            {
                if (!value.IsNumeric || value.AsDouble() is not (>= LowestSetpoint and <= HighestSetpoint))
                {
                    return false;
                }

                Volatile.Write(ref _setPoints[i], Math.Round(value.AsDouble(), 1));
                return true;
            }
        }

        return false;
    }
}
