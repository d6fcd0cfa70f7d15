using Nightshift.Core.Assets;
using Nightshift.Core.Samples;

namespace Nightshift.Simulator.Model;

/// <summary>
/// One simulated device of the virtual plant (a Sparkplug device: a machine, a utility or a meter) with its
/// metric definitions and their current values. Values change only in <see cref="VirtualPlant.Advance(TimeSpan)"/>.
/// Not thread-safe: read it from the thread that advances the plant, or under the same lock.
/// </summary>
public abstract class SimulatedDevice
{
    private readonly SampleValue[] _values;

    private protected SimulatedDevice(string edgeNodeId, string id, string typeName, IReadOnlyList<MetricDefinition> metrics, int plantSeed)
    {
        EdgeNodeId = edgeNodeId;
        Id = id;
        TypeName = typeName;
        Metrics = metrics;
        _values = new SampleValue[metrics.Count];
        Random = new Random(SeedDerivation.For(plantSeed, edgeNodeId + "/" + id));
    }

    /// <summary>The Sparkplug edge node the device belongs to.</summary>
    public string EdgeNodeId { get; }

    /// <summary>The Sparkplug device id, equal to the equipment id in the plant file.</summary>
    public string Id { get; }

    /// <summary>The asset type name in the plant file (e.g. <c>Press</c>).</summary>
    public string TypeName { get; }

    /// <summary>The metrics the device publishes, in a fixed order; <see cref="Values"/> has the same order.</summary>
    public IReadOnlyList<MetricDefinition> Metrics { get; }

    /// <summary>The current values, index for index with <see cref="Metrics"/>.</summary>
    public ReadOnlySpan<SampleValue> Values => _values;

    /// <summary>The current state.</summary>
    public MachineState State { get; private protected set; }

    /// <summary>The electrical power the device draws now, in kW (negative for a generator such as solar).</summary>
    public abstract double ElectricPowerKw { get; }

    /// <summary>The natural gas the device burns now, in m³/h.</summary>
    public virtual double GasFlowM3PerHour => 0;

    /// <summary>The device's own random generator, derived from the plant seed and the device's address.</summary>
    private protected Random Random { get; }

    /// <summary>The current value of a metric by name.</summary>
    /// <exception cref="KeyNotFoundException">The device has no such metric.</exception>
    public SampleValue GetValue(string name)
    {
        for (var i = 0; i < Metrics.Count; i++)
        {
            if (string.Equals(Metrics[i].Name, name, StringComparison.Ordinal))
            {
                return _values[i];
            }
        }

        throw new KeyNotFoundException($"device '{Id}' has no metric '{name}'");
    }

    /// <summary>
    /// Applies a command written to one of the device's metrics (a Sparkplug DCMD): true when the metric is writable
    /// and the value in its range, false otherwise (nothing changes). The new value shows in the next publication.
    /// Called from the command thread while the plant steps: implementations keep such values in fields that are read
    /// and written atomically.
    /// </summary>
    public virtual bool TryWrite(string metric, SampleValue value) => false;

    /// <summary>Advances the device by <paramref name="dt"/> simulated seconds (at most 1).</summary>
    internal abstract void Step(PlantContext context, double dt);

    private protected void Set(int index, double value)
    {
        var metric = Metrics[index];
        if (metric.Decimals is { } decimals)
        {
            value = Math.Round(value, decimals);
        }

        if (metric.Min is { } min && value < min)
        {
            value = min;
        }

        if (metric.Max is { } max && value > max)
        {
            value = max;
        }

        _values[index] = metric.DataType == TagDataType.Long ? SampleValue.FromLong((long)value) : SampleValue.FromDouble(value);
    }

    private protected void Set(int index, long value) => _values[index] = SampleValue.FromLong(value);

    private protected void Set(int index, bool value) => _values[index] = SampleValue.FromBool(value);

    private protected void Set(int index, string value) => _values[index] = SampleValue.FromString(value);

    private protected void SetState(int index, PlantContext context, MachineState state, TransitionCause cause, string? detail = null)
    {
        if (state != State)
        {
            context.Transitions?.Add(new StateTransition(context.Now, EdgeNodeId, Id, State, state, cause, detail));
            State = state;
        }

        _values[index] = SampleValue.FromString(StateNames.Of(state));
    }
}
