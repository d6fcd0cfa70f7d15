using Nightshift.Simulator.Devices;

namespace Nightshift.Simulator.Model;

/// <summary>
/// The virtual car body plant: a pure, deterministic model with no I/O and no wall clock. The same seed, start and
/// sequence of <see cref="Advance(TimeSpan)"/> calls give the same values, bit for bit. Each device draws from its own
/// generator derived from the seed and its address, so one machine's draws never depend on another's.
/// <para>
/// The model integrates in fixed steps of one simulated second; a step that is not a whole number of seconds
/// carries its remainder into the next call, so the state at a given simulated instant does not depend on how the
/// time was cut into calls. Edge nodes: <c>press-line</c>, <c>welding</c>, <c>paint</c>, <c>cnc</c>, <c>utilities</c>,
/// <c>energy</c> (see docs/simulator.md). Not thread-safe: one thread advances and reads it, or callers lock.
/// </para>
/// </summary>
public sealed class VirtualPlant
{
    /// <summary>The Sparkplug group id of the virtual plant.</summary>
    public const string GroupId = "VirtualPlant";

    /// <summary>The IANA time zone of the site (Stuttgart).</summary>
    public const string TimeZoneId = "Europe/Berlin";

    private const double TickSeconds = 1.0;

    // The compressed air network: receiver and pipes of about 12 m³ at 7 bar.
    private const double AirNetworkVolumeM3 = 12;

    private readonly List<SimulatedDevice> _production = [];
    private readonly List<AirCompressor> _compressors = [];
    private readonly List<SimulatedDevice> _utilities = [];
    private readonly SolarPlant _solar;
    private readonly List<SimulatedDevice> _meters = [];
    private readonly PlantContext _context = new();
    private readonly Random _airDemand;
    private double _airDemandNoise;
    private TimeSpan _carry;
    private TimeSpan _calendarOffset;

    /// <summary>Builds the plant at simulated instant <paramref name="startUtc"/> with every device's initial values.</summary>
    /// <exception cref="ArgumentException"><paramref name="startUtc"/> is not UTC.</exception>
    public VirtualPlant(int seed, DateTime startUtc)
    {
        if (startUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("the start must be a UTC instant", nameof(startUtc));
        }

        Seed = seed;
        Now = startUtc;
        _airDemand = new Random(SeedDerivation.For(seed, "air-network"));

        var presses = Enumerable.Range(1, 4).Select(i => new ServoPress("press-line", $"press-{i}", seed, startUtc)).ToArray<SimulatedDevice>();
        var robots = Enumerable.Range(1, 2)
            .SelectMany(c => Enumerable.Range(1, 6).Select(r => new WeldingRobot("welding", $"cell-{c}-robot-{r}", seed, startUtc)))
            .ToArray<SimulatedDevice>();
        SimulatedDevice[] oven = [new PaintOven("paint", "oven", seed, startUtc)];
        var cnc = Enumerable.Range(1, 6).Select(i => new CncMachine("cnc", $"cnc-{i}", seed, startUtc)).ToArray<SimulatedDevice>();
        _compressors.Add(new AirCompressor("utilities", "compressor-1", seed, loadBelowBar: 6.8, unloadAboveBar: 7.4));
        _compressors.Add(new AirCompressor("utilities", "compressor-2", seed, loadBelowBar: 6.6, unloadAboveBar: 7.2));
        var chiller = new Chiller("utilities", "chiller-1", seed);
        _solar = new SolarPlant("energy", "solar", seed, startUtc);
        var grid = new ElectricityMeter("energy", "grid-meter", seed, startUtc);
        var gas = new GasMeter("energy", "gas-meter", seed, startUtc);

        _production.AddRange(presses);
        _production.AddRange(robots);
        _production.AddRange(oven);
        _production.AddRange(cnc);
        _utilities.Add(chiller);
        _meters.Add(grid);
        _meters.Add(gas);

        EdgeNodes =
        [
            new SimulatedEdgeNode("press-line", presses),
            new SimulatedEdgeNode("welding", robots),
            new SimulatedEdgeNode("paint", oven),
            new SimulatedEdgeNode("cnc", cnc),
            new SimulatedEdgeNode("utilities", [.. _compressors, chiller]),
            new SimulatedEdgeNode("energy", [_solar, grid, gas]),
        ];

        // A step of zero seconds gives every metric its initial value.
        Step(0, startUtc, null);
    }

    /// <summary>The seed the plant was built with.</summary>
    public int Seed { get; }

    /// <summary>The simulated instant (UTC) the plant has been integrated to.</summary>
    public DateTime Now { get; private set; }

    /// <summary>The edge nodes in a fixed order: press-line, welding, paint, cnc, utilities, energy.</summary>
    public IReadOnlyList<SimulatedEdgeNode> EdgeNodes { get; }

    /// <summary>All devices of all edge nodes.</summary>
    public IEnumerable<SimulatedDevice> Devices => EdgeNodes.SelectMany(n => n.Devices);

    /// <summary>The edge node with the given id.</summary>
    /// <exception cref="KeyNotFoundException">The plant has no such edge node.</exception>
    public SimulatedEdgeNode GetEdgeNode(string id) =>
        EdgeNodes.FirstOrDefault(n => string.Equals(n.Id, id, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"the virtual plant has no edge node '{id}'");

    /// <summary>
    /// Advances the plant by <paramref name="simulatedStep"/>; the sun and the weather follow the simulated clock
    /// (keeping the offset an earlier calendar instant set, if any). Returns the state changes of this call, in order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="simulatedStep"/> is negative.</exception>
    public IReadOnlyList<StateTransition> Advance(TimeSpan simulatedStep) => Advance(simulatedStep, null);

    /// <summary>
    /// Advances the plant's dynamics by <paramref name="simulatedStep"/> while the sun and the weather follow
    /// <paramref name="calendarUtc"/> (the wall clock of an accelerated run, so that solar power stays in step with
    /// the server's day). Returns the state changes of this call, in order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="simulatedStep"/> is negative.</exception>
    public IReadOnlyList<StateTransition> Advance(TimeSpan simulatedStep, DateTime? calendarUtc)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(simulatedStep, TimeSpan.Zero);
        var transitions = new List<StateTransition>();
        var total = _carry + simulatedStep;
        var ticks = (long)(total.TotalSeconds / TickSeconds);
        _carry = total - TimeSpan.FromSeconds(ticks * TickSeconds);
        var calendarStart = Now + _calendarOffset;
        var start = Now;
        for (long i = 1; i <= ticks; i++)
        {
            Now = start + TimeSpan.FromSeconds(i * TickSeconds);
            var calendar = calendarUtc is { } target
                ? calendarStart + ((target - calendarStart) * ((double)i / ticks))
                : Now + _calendarOffset;
            Step(TickSeconds, calendar, transitions);
        }

        if (calendarUtc is { } end)
        {
            _calendarOffset = end - Now;
        }

        return transitions;
    }

    private void Step(double dt, DateTime calendar, List<StateTransition>? transitions)
    {
        var context = _context;
        context.Now = Now;
        context.Calendar = calendar;
        context.Transitions = transitions;
        context.OutdoorTemperatureC = SiteClimate.OutdoorTemperature(calendar);

        var productionPower = 0.0;
        var gas = 0.0;
        foreach (var device in _production)
        {
            device.Step(context, dt);
            productionPower += device.ElectricPowerKw;
            gas += device.GasFlowM3PerHour;
        }

        context.ProductionPowerKw = productionPower;
        context.GasFlowM3PerHour = gas;

        // Air demand follows production: tools, blow-off and pneumatics, plus leaks of about 3 m³/min.
        _airDemandNoise += (-_airDemandNoise * dt / 120) + (0.05 * Math.Sqrt(dt) * _airDemand.NextGaussian());
        context.AirDemandM3PerMin = Math.Max(0, 3 + (productionPower / 200) + _airDemandNoise);
        var load = productionPower;
        var supply = 0.0;
        foreach (var compressor in _compressors)
        {
            compressor.Step(context, dt);
            supply += compressor.FlowM3PerMin;
            load += compressor.ElectricPowerKw;
        }

        context.AirSupplyM3PerMin = supply;
        var pressure = context.AirPressureBar + ((supply - context.AirDemandM3PerMin) / 60 * dt * 1.013 / AirNetworkVolumeM3);
        context.AirPressureBar = Math.Clamp(pressure, 0, 9.5);

        foreach (var device in _utilities)
        {
            device.Step(context, dt);
            load += device.ElectricPowerKw;
        }

        context.PlantLoadKw = load;
        _solar.Step(context, dt);
        context.SolarPowerKw = _solar.PowerKw;
        foreach (var meter in _meters)
        {
            meter.Step(context, dt);
        }
    }
}
