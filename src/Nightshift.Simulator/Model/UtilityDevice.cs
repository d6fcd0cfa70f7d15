namespace Nightshift.Simulator.Model;

/// <summary>
/// A utility or meter: the <c>utility</c> state model (Running, Idle, Down) with failures after an exponential
/// running time (a mean time between failures of 0 means the device never fails) and repairs of a minimum time plus
/// an exponential part. Times in simulated seconds.
/// Not thread-safe.
/// </summary>
internal abstract class UtilityDevice : SimulatedDevice
{
    private readonly double _meanTimeBetweenFailures;
    private readonly double _meanTimeToRepair;
    private readonly double _minimumTimeToRepair;
    private double _runningSeconds;
    private double _nextFailureAt;
    private double _repairRemaining;

    private protected UtilityDevice(string edgeNodeId, string id, string typeName, IReadOnlyList<MetricDefinition> metrics, int plantSeed, double meanTimeBetweenFailures, double meanTimeToRepair, double minimumTimeToRepair)
        : base(edgeNodeId, id, typeName, metrics, plantSeed)
    {
        _meanTimeBetweenFailures = meanTimeBetweenFailures;
        _meanTimeToRepair = meanTimeToRepair;
        _minimumTimeToRepair = minimumTimeToRepair;
        State = MachineState.Running;
        _nextFailureAt = meanTimeBetweenFailures > 0 ? Random.NextExponential(meanTimeBetweenFailures) : double.PositiveInfinity;
    }

    /// <summary>The index of the <c>state</c> metric.</summary>
    private protected abstract int StateMetric { get; }

    internal sealed override void Step(PlantContext context, double dt)
    {
        if (State == MachineState.Down)
        {
            _repairRemaining -= dt;
            if (_repairRemaining <= 0)
            {
                _runningSeconds = 0;
                _nextFailureAt = Random.NextExponential(_meanTimeBetweenFailures);
                SetState(StateMetric, context, OperatingState(context), TransitionCause.Repair);
            }
        }
        else
        {
            _runningSeconds += dt;
            if (_runningSeconds >= _nextFailureAt)
            {
                _repairRemaining = _minimumTimeToRepair + Random.NextExponential(_meanTimeToRepair - _minimumTimeToRepair);
                SetState(StateMetric, context, MachineState.Down, TransitionCause.Failure, "fault");
            }
            else
            {
                SetState(StateMetric, context, OperatingState(context), TransitionCause.Control);
            }
        }

        UpdateMeasurements(context, dt);
    }

    /// <summary>The state the device's own control chooses when it is not failed: Running or Idle.</summary>
    private protected virtual MachineState OperatingState(PlantContext context) => MachineState.Running;

    /// <summary>Sets the measurements for the current state; called once per step after the state logic.</summary>
    private protected abstract void UpdateMeasurements(PlantContext context, double dt);
}
