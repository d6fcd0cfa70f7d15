using Nightshift.Core.Assets;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Devices;

/// <summary>
/// A 12 m3/min screw compressor on the plant's compressed air network with load/unload control: it loads below
/// its lower pressure limit and unloads above its upper one (compressor 1 is the base-load machine with the higher
/// band, compressor 2 the trim machine). About 75 kW loaded, 22 kW unloaded, nothing when down.
/// </summary>
internal sealed class AirCompressor : UtilityDevice
{
    public const string Type = "AirCompressor";

    private const int StateIndex = 0;
    private const int PressureIndex = 1;
    private const int FlowIndex = 2;
    private const int PowerIndex = 3;
    private const int LoadedIndex = 4;

    private const double Capacity = 12.0;

    private static readonly MetricDefinition[] Definitions =
    [
        new("state", TagDataType.String),
        new("pressure", TagDataType.Double, "bar", 0, 10, 2),
        new("flow", TagDataType.Double, "m3/min", 0, 20, 2),
        new("power", TagDataType.Double, "kW", 0, 120, 1),
        new("loaded", TagDataType.Bool),
    ];

    private readonly double _loadBelow;
    private readonly double _unloadAbove;
    private bool _loaded;
    private double _power;

    public AirCompressor(string edgeNodeId, string id, int plantSeed, double loadBelowBar, double unloadAboveBar)
        : base(edgeNodeId, id, Type, Definitions, plantSeed, meanTimeBetweenFailures: 400 * 3600, meanTimeToRepair: 2 * 3600, minimumTimeToRepair: 30 * 60)
    {
        _loadBelow = loadBelowBar;
        _unloadAbove = unloadAboveBar;
    }

    public override double ElectricPowerKw => _power;

    /// <summary>The free air the compressor delivers now, in m3/min.</summary>
    public double FlowM3PerMin { get; private set; }

    private protected override int StateMetric => StateIndex;

    private protected override void UpdateMeasurements(PlantContext context, double dt)
    {
        if (State == MachineState.Down)
        {
            _loaded = false;
        }
        else if (context.AirPressureBar < _loadBelow)
        {
            _loaded = true;
        }
        else if (context.AirPressureBar > _unloadAbove)
        {
            _loaded = false;
        }

        FlowM3PerMin = _loaded ? Capacity * (1 + (0.01 * Random.NextGaussian())) : 0;
        var target = State == MachineState.Down ? 0 : _loaded ? 75 + (0.5 * Random.NextGaussian()) : 22 + (0.3 * Random.NextGaussian());
        _power += (target - _power) * Math.Min(1, dt / 3);

        Set(PressureIndex, context.AirPressureBar + (_loaded ? 0.15 : 0));
        Set(FlowIndex, FlowM3PerMin);
        Set(PowerIndex, _power);
        Set(LoadedIndex, _loaded);
    }
}
