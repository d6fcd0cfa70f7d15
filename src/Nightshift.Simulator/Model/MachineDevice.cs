namespace Nightshift.Simulator.Model;

/// <summary>
/// A production machine: the state model shared by presses, robots, the oven and CNC machines.
/// <para>
/// Design: failures are scheduled, not drawn tick by tick. After each repair the machine draws the running time
/// to its next failure (exponential, mean MTBF) and whether that failure is announced by degradation; if it is,
/// <see cref="Degradation"/> rises from 0 to 1 over the last few hours of running before it (the machine's
/// vibration follows), and the repair resets it. Micro-stops are a Poisson process over running time.
/// A production order of N parts ends in a changeover to the next product. Counters only rise.
/// </para>
/// Not thread-safe.
/// </summary>
internal abstract class MachineDevice : SimulatedDevice
{
    private static readonly DateTime CounterEpoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly MachineParameters _parameters;
    private double _remaining;
    private double _runningSeconds;
    private double _nextFailureAt;
    private double _degradationStart = double.PositiveInfinity;
    private double _cycleProgress;
    private int _orderRemaining;
    private int _productIndex;

    private protected MachineDevice(string edgeNodeId, string id, string typeName, IReadOnlyList<MetricDefinition> metrics, int plantSeed, MachineParameters parameters, DateTime start, double baselinePartsPerHour)
        : base(edgeNodeId, id, typeName, metrics, plantSeed)
    {
        _parameters = parameters;
        State = MachineState.Running;
        _productIndex = Random.Next(Math.Max(1, parameters.Products.Count));
        _orderRemaining = parameters.OrderSizeMin > 0 ? Random.Next(1, parameters.OrderSizeMax + 1) : 0;
        _cycleProgress = Random.NextDouble();
        ScheduleFailure();

        // Counters continue from a baseline that grows with the calendar, so a restarted simulator does not count backwards.
        var hours = Math.Max(0, (start - CounterEpoch).TotalHours);
        GoodCount = (long)(hours * baselinePartsPerHour);
        ScrapCount = (long)(hours * baselinePartsPerHour * parameters.ScrapRate);
    }

    /// <summary>Good parts made, a counter that only rises.</summary>
    public long GoodCount { get; private set; }

    /// <summary>Scrapped parts, a counter that only rises.</summary>
    public long ScrapCount { get; private set; }

    /// <summary>How far the machine has degraded towards an announced failure, 0 (healthy) to 1 (about to fail).</summary>
    public double Degradation { get; private set; }

    /// <summary>The product of the current production order.</summary>
    public string ProductId => _parameters.Products.Count == 0 ? string.Empty : _parameters.Products[_productIndex];

    /// <summary>The index of the current product in the machine's product list.</summary>
    private protected int ProductIndex => _productIndex;

    /// <summary>Seconds a part takes on this machine for the current product.</summary>
    private protected abstract double CycleTimeSeconds { get; }

    /// <summary>Scrap on top of the machine's base rate, e.g. from a worn tool.</summary>
    private protected virtual double ExtraScrapRate => 0;

    /// <summary>The index of the <c>state</c> metric.</summary>
    private protected abstract int StateMetric { get; }

    internal sealed override void Step(PlantContext context, double dt)
    {
        switch (State)
        {
            case MachineState.Down:
                _remaining -= dt;
                if (_remaining <= 0)
                {
                    Degradation = 0;
                    _degradationStart = double.PositiveInfinity;
                    _runningSeconds = 0;
                    ScheduleFailure();
                    OnRepaired();
                    SetState(StateMetric, context, MachineState.Running, TransitionCause.Repair);
                }

                break;
            case MachineState.Changeover:
                _remaining -= dt;
                if (_remaining <= 0)
                {
                    SetState(StateMetric, context, MachineState.Running, TransitionCause.ChangeoverEnd, ProductId);
                }

                break;
            case MachineState.Idle or MachineState.Starved or MachineState.Blocked:
                _remaining -= dt;
                if (_remaining <= 0)
                {
                    SetState(StateMetric, context, MachineState.Running, TransitionCause.Resume);
                }

                break;
            default:
                Run(context, dt);
                break;
        }

        SetState(StateMetric, context, State, TransitionCause.Resume);
        UpdateMeasurements(context, dt);
    }

    /// <summary>Sets the measurements for the current state; called once per step after the state logic.</summary>
    private protected abstract void UpdateMeasurements(PlantContext context, double dt);

    /// <summary>Called for every finished part.</summary>
    private protected virtual void OnPartCompleted(bool good)
    {
    }

    /// <summary>Called when a repair is finished (e.g. to replace a worn tool).</summary>
    private protected virtual void OnRepaired()
    {
    }

    /// <summary>The failure mode named in the transition's detail.</summary>
    private protected virtual string FailureMode(bool announced) => announced ? "bearing" : "fault";

    /// <summary>Stops the machine for a short time outside the random micro-stops (a tool change, an electrode cap change).</summary>
    private protected void Pause(PlantContext context, MachineState state, double seconds, string detail)
    {
        if (State == MachineState.Running)
        {
            _remaining = seconds;
            SetState(StateMetric, context, state, TransitionCause.MicroStop, detail);
        }
    }

    private void Run(PlantContext context, double dt)
    {
        _runningSeconds += dt;
        if (_runningSeconds >= _degradationStart)
        {
            Degradation = Math.Clamp((_runningSeconds - _degradationStart) / Math.Max(1.0, _nextFailureAt - _degradationStart), 0, 1);
        }

        if (_runningSeconds >= _nextFailureAt)
        {
            var announced = !double.IsPositiveInfinity(_degradationStart);
            _remaining = _parameters.MinimumTimeToRepair + Random.NextExponential(_parameters.MeanTimeToRepair - _parameters.MinimumTimeToRepair);
            SetState(StateMetric, context, MachineState.Down, TransitionCause.Failure, FailureMode(announced));
            return;
        }

        if (_parameters.MeanTimeBetweenMicroStops > 0 && Random.Chance(dt / _parameters.MeanTimeBetweenMicroStops))
        {
            _remaining = Random.NextUniform(_parameters.MicroStopMin, _parameters.MicroStopMax);
            var draw = Random.NextDouble();
            var state = draw < 0.4 ? MachineState.Idle : draw < 0.75 ? MachineState.Starved : MachineState.Blocked;
            SetState(StateMetric, context, state, TransitionCause.MicroStop);
            return;
        }

        _cycleProgress += dt / CycleTimeSeconds;
        while (_cycleProgress >= 1.0)
        {
            _cycleProgress -= 1.0;
            var good = !Random.Chance(_parameters.ScrapRate + ExtraScrapRate + (0.05 * Degradation));
            if (good)
            {
                GoodCount++;
            }
            else
            {
                ScrapCount++;
            }

            OnPartCompleted(good);
            if (_parameters.OrderSizeMin > 0 && --_orderRemaining <= 0)
            {
                _cycleProgress = 0;
                _productIndex = (_productIndex + 1 + Random.Next(Math.Max(1, _parameters.Products.Count - 1))) % Math.Max(1, _parameters.Products.Count);
                _orderRemaining = Random.Next(_parameters.OrderSizeMin, _parameters.OrderSizeMax + 1);
                _remaining = Random.NextUniform(_parameters.ChangeoverMin, _parameters.ChangeoverMax);
                SetState(StateMetric, context, MachineState.Changeover, TransitionCause.ChangeoverStart, ProductId);
                break;
            }
        }
    }

    private void ScheduleFailure()
    {
        _nextFailureAt = Random.NextExponential(_parameters.MeanTimeBetweenFailures);
        _degradationStart = double.PositiveInfinity;
        if (Random.Chance(_parameters.DegradingFailureShare))
        {
            var lead = Random.NextUniform(_parameters.DegradationLeadMin, _parameters.DegradationLeadMax);
            _degradationStart = Math.Max(0, _nextFailureAt - lead);
        }
    }
}
