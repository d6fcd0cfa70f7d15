using Nightshift.Core.Alarms;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Server.Alarms;

/// <summary>
/// The alarms of one equipment: an evaluator per watched tag, a life cycle per definition, and suppression by
/// design while the equipment's state is in the Down or Setup (changeover) category. Thread-safe: every call
/// takes the equipment's lock, so samples, timer ticks and operator commands are applied one at a time.
/// Events come back with the instance id (<see cref="AlarmIds"/>) as their alarm id.
/// </summary>
internal sealed class EquipmentAlarms
{
    private readonly Lock _gate = new();
    private readonly StateModel _stateModel;
    private readonly Dictionary<string, LimitEvaluator> _byTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LimitEvaluator>> _bySetpoint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlarmInstance> _byDefinition = new(StringComparer.Ordinal);
    private readonly AlarmInstance[] _instances;
    private readonly List<AlarmConditionChange> _changes = [];
    private DateTime _lastStateAt = DateTime.MinValue;
    private bool _suppressed;

    /// <param name="tenant">The tenant.</param>
    /// <param name="equipment">The equipment.</param>
    /// <param name="type">Its type, with the alarm definitions.</param>
    /// <param name="time">The clock.</param>
    /// <param name="restored">Saved states by alarm instance id (from before a restart), applied without events; null for none.</param>
    public EquipmentAlarms(string tenant, AssetPath equipment, AssetType type, TimeProvider time, IReadOnlyDictionary<string, SavedAlarmState>? restored = null)
    {
        Tenant = tenant;
        Equipment = equipment;
        _stateModel = type.StateModel;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var group in type.Alarms.GroupBy(a => a.Tag, StringComparer.Ordinal))
        {
            var evaluator = new LimitEvaluator(group.Key, group, now);
            _byTag.Add(group.Key, evaluator);
            foreach (var setpointTag in group.Select(d => d.SetpointTag).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (!_bySetpoint.TryGetValue(setpointTag, out var evaluators))
                {
                    _bySetpoint.Add(setpointTag, evaluators = []);
                }

                evaluators.Add(evaluator);
            }
        }

        _instances = [.. type.Alarms.Select(d => new AlarmInstance(AlarmIds.Format(equipment, d.Id), new AlarmStateMachine(d, time), now))];
        foreach (var instance in _instances)
        {
            _byDefinition.Add(instance.Machine.Definition.Id, instance);
            if (restored is not null && restored.TryGetValue(instance.Id, out var saved))
            {
                instance.Machine.Restore(saved.State);
                instance.Since = saved.Since;
                var definition = instance.Machine.Definition;
                _byTag[definition.Tag].Restore(definition.Id, saved.State.ConditionActive);
            }
        }

        var suppressible = _instances.Where(IsSuppressible).ToList();
        _suppressed = suppressible.Count > 0 && suppressible.All(i => i.Machine.IsSuppressed);
    }

    public string Tenant { get; }

    public AssetPath Equipment { get; }

    /// <summary>Evaluates the samples in order; events go to <paramref name="events"/>, created on the first one.</summary>
    public void Feed(IReadOnlyList<TagSample> samples, ref List<AlarmEvent>? events)
    {
        lock (_gate)
        {
            for (var i = 0; i < samples.Count; i++)
            {
                var (tag, sample) = samples[i];
                if (string.Equals(tag, _stateModel.StateTag, StringComparison.Ordinal))
                {
                    ApplyState(sample, ref events);
                }

                if (_byTag.TryGetValue(tag, out var evaluator))
                {
                    evaluator.Feed(sample.Timestamp, sample.Value, sample.Quality, _changes);
                }

                if (_bySetpoint.TryGetValue(tag, out var evaluators))
                {
                    foreach (var deviation in evaluators)
                    {
                        deviation.FeedSetpoint(tag, sample.Timestamp, sample.Value, sample.Quality, _changes);
                    }
                }

                ApplyChanges(ref events);
            }
        }
    }

    /// <summary>The timer: completes delays, finds stale data and ends expired shelves as of <paramref name="now"/> (UTC).</summary>
    public void Tick(DateTime now, ref List<AlarmEvent>? events)
    {
        lock (_gate)
        {
            foreach (var evaluator in _byTag.Values)
            {
                evaluator.Evaluate(now, _changes);
            }

            ApplyChanges(ref events);
            foreach (var instance in _instances)
            {
                Record(instance, instance.Machine.Tick(), ref events);
            }
        }
    }

    /// <summary>Runs an operator's command on one alarm; null when the equipment has no alarm with that definition id.</summary>
    public (AlarmResult Result, AlarmSnapshot Alarm)? Execute(string definitionId, Func<AlarmStateMachine, AlarmResult> command, ref List<AlarmEvent>? events)
    {
        lock (_gate)
        {
            if (!_byDefinition.TryGetValue(definitionId, out var instance))
            {
                return null;
            }

            var result = command(instance.Machine);
            Record(instance, result, ref events);
            return (result, Snapshot(instance));
        }
    }

    /// <summary>The alarm of a definition, or null.</summary>
    public AlarmSnapshot? Find(string definitionId)
    {
        lock (_gate)
        {
            return _byDefinition.TryGetValue(definitionId, out var instance) ? Snapshot(instance) : null;
        }
    }

    /// <summary>What an alarm must remember across a restart, or null when the equipment has no such alarm.</summary>
    public SavedAlarmState? Capture(string definitionId)
    {
        lock (_gate)
        {
            return _byDefinition.TryGetValue(definitionId, out var instance) ? new SavedAlarmState(instance.Machine.Capture(), instance.Since) : null;
        }
    }

    public void AddSnapshots(ICollection<AlarmSnapshot> snapshots)
    {
        lock (_gate)
        {
            foreach (var instance in _instances)
            {
                snapshots.Add(Snapshot(instance));
            }
        }
    }

    private void ApplyState(Sample sample, ref List<AlarmEvent>? events)
    {
        // States arrive from several sources (a device, the ingest API); as for values, an older one changes nothing.
        if (sample.Quality.IsBad || sample.Timestamp < _lastStateAt)
        {
            return;
        }

        _lastStateAt = sample.Timestamp;
        var state = _stateModel.Find(sample.Value.AsString());
        if (state is null)
        {
            return;
        }

        var suppress = state.Category is StateCategory.Down or StateCategory.Setup;
        if (suppress == _suppressed)
        {
            return;
        }

        _suppressed = suppress;
        var reason = "the equipment is " + state.Name;
        foreach (var instance in _instances.Where(IsSuppressible))
        {
            Record(instance, suppress ? instance.Machine.Suppress(reason) : instance.Machine.Unsuppress(), ref events);
        }
    }

    /// <summary>
    /// Alarms on the state tag itself (a digital alarm on Down: the failure) are never suppressed by the state they
    /// annunciate; all others are while the equipment is Down or in Setup.
    /// </summary>
    private bool IsSuppressible(AlarmInstance instance) =>
        !string.Equals(instance.Machine.Definition.Tag, _stateModel.StateTag, StringComparison.Ordinal);

    private void ApplyChanges(ref List<AlarmEvent>? events)
    {
        if (_changes.Count == 0)
        {
            return;
        }

        foreach (var change in _changes)
        {
            var instance = _byDefinition[change.Definition.Id];
            Record(instance, change.Active ? instance.Machine.Activate() : instance.Machine.Return(), ref events);
        }

        _changes.Clear();
    }

    private static void Record(AlarmInstance instance, AlarmResult result, ref List<AlarmEvent>? events)
    {
        foreach (var e in result.Events)
        {
            if (e.From != e.To || e.Action is AlarmAction.Activate or AlarmAction.Return)
            {
                instance.Since = e.Timestamp;
            }

            (events ??= []).Add(e with { AlarmId = instance.Id });
        }
    }

    private AlarmSnapshot Snapshot(AlarmInstance instance)
    {
        var machine = instance.Machine;
        return new AlarmSnapshot(instance.Id, Tenant, Equipment.Value, machine.Definition, machine.State, machine.ConditionActive, instance.Since, machine.CurrentShelve);
    }
}
