using Nightshift.Core.Samples;

namespace Nightshift.Core.Alarms;

/// <summary>
/// Evaluates the alarm definitions of one tag against its samples and finds when each alarm's process
/// condition activates and returns. Pure: the caller passes every time (sample timestamps and the timer's
/// <c>now</c>, both UTC); the changes go to an <see cref="AlarmStateMachine"/> by the caller.
/// </summary>
/// <remarks>
/// <para>
/// Each definition keeps a raw condition (what the latest input shows, deadband applied: a HI alarm activates at
/// <c>value &gt;= Limit</c> and its raw condition clears only when <c>value &lt; Limit - Deadband</c>; LO mirrors it) and
/// a reported condition. When the raw condition differs from the reported one, a change is pending since the
/// instant it started; it is reported once it has held without a break for the on-delay (to activate) or the
/// off-delay (to return), at that exact instant, found by the next sample or <see cref="Evaluate"/> call.
/// A raw condition that flips back before the delay ends cancels the change.
/// </para>
/// <para>
/// Rate of change is the difference between the newest sample and the oldest one inside the window, divided by
/// their distance in minutes, compared by magnitude. Deviation compares the value with the latest usable setpoint
/// sample (fed by <see cref="FeedSetpoint"/>), and is re-evaluated on either. Digital compares the value's text with
/// the alarm values (numbers as numbers: <c>1</c> matches 1.0; bools as <c>true</c>/<c>false</c>). Stale data is raw-active once no Good or Uncertain sample arrived for <c>StaleAfter</c>
/// (checked by <see cref="Evaluate"/>, counted from the last such sample or from the start). Communication loss
/// follows the quality of the latest sample: raw-active while it is Bad. A Bad sample carries no value: value alarms
/// keep their condition through it. Non-numeric values are ignored by numeric alarms. Samples of the tag older than
/// the newest instant fed so far are ignored; a setpoint sample is always taken.
/// </para>
/// <para>No allocation per sample once the rate windows are warm. Not thread-safe: one owner feeds it.</para>
/// </remarks>
public sealed class LimitEvaluator
{
    private readonly LimitAlarmSlot[] _slots;
    private DateTime _last;

    /// <param name="tag">The tag evaluated.</param>
    /// <param name="definitions">The definitions of that tag.</param>
    /// <param name="startedAt">When evaluation starts (UTC): stale data is counted from here until a first sample.</param>
    /// <exception cref="ArgumentException">A definition is invalid (<see cref="AlarmDefinition.Validate"/>), is for another tag, or two share an id.</exception>
    public LimitEvaluator(string tag, IEnumerable<AlarmDefinition> definitions, DateTime startedAt)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(definitions);
        var list = definitions.ToArray();
        foreach (var definition in list)
        {
            if (definition.Validate() is { } error)
            {
                throw new ArgumentException(error, nameof(definitions));
            }

            if (!string.Equals(definition.Tag, tag, StringComparison.Ordinal))
            {
                throw new ArgumentException($"alarm '{definition.Id}' watches tag '{definition.Tag}', not '{tag}'", nameof(definitions));
            }
        }

        if (list.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            throw new ArgumentException($"two alarms of tag '{tag}' share an id", nameof(definitions));
        }

        Tag = tag;
        Definitions = list;
        _slots = [.. list.Select(d => new LimitAlarmSlot(d, startedAt))];
        _last = startedAt;
    }

    public string Tag { get; }

    public IReadOnlyList<AlarmDefinition> Definitions { get; }

    /// <summary>Whether the alarm's condition is active as last reported (after its delays).</summary>
    /// <exception cref="ArgumentException">No definition has that id.</exception>
    public bool IsActive(string alarmId)
    {
        foreach (var slot in _slots)
        {
            if (string.Equals(slot.Definition.Id, alarmId, StringComparison.Ordinal))
            {
                return slot.Active;
            }
        }

        throw new ArgumentException($"tag '{Tag}' has no alarm '{alarmId}'", nameof(alarmId));
    }

    /// <summary>
    /// Sets the condition of an alarm as it was reported before a restart, with no change reported and no delay pending,
    /// so that the next sample clears it (or keeps it) as if evaluation had never stopped.
    /// </summary>
    /// <exception cref="ArgumentException">No definition has that id.</exception>
    public void Restore(string alarmId, bool active)
    {
        foreach (var slot in _slots)
        {
            if (string.Equals(slot.Definition.Id, alarmId, StringComparison.Ordinal))
            {
                slot.Raw = active;
                slot.Active = active;
                slot.PendingSince = null;
                return;
            }
        }

        throw new ArgumentException($"tag '{Tag}' has no alarm '{alarmId}'", nameof(alarmId));
    }

    /// <summary>Evaluates one sample of the tag; adds the condition changes it reveals to <paramref name="changes"/>.</summary>
    /// <returns>The number of changes added.</returns>
    public int Feed(DateTime timestamp, SampleValue value, Quality quality, ICollection<AlarmConditionChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (timestamp < _last)
        {
            return 0;
        }

        _last = timestamp;
        var before = changes.Count;
        var usable = !quality.IsBad;
        var number = value.AsDouble();
        foreach (var slot in _slots)
        {
            var definition = slot.Definition;
            switch (definition.Kind)
            {
                case AlarmKind.CommunicationLoss:
                    Observe(slot, quality.IsBad, timestamp, timestamp, changes);
                    continue;
                case AlarmKind.Stale when usable:
                    slot.LastFresh = timestamp;
                    Observe(slot, false, timestamp, timestamp, changes);
                    continue;
                case AlarmKind.Digital when usable:
                    Observe(slot, slot.IsAlarmValue(value), timestamp, timestamp, changes);
                    continue;
            }

            if (!usable || double.IsNaN(number) || definition.Kind is AlarmKind.Stale or AlarmKind.Digital)
            {
                Advance(slot, timestamp, changes);
                continue;
            }

            bool? raw = definition.Kind switch
            {
                AlarmKind.High or AlarmKind.HighHigh => AtOrAbove(slot, number),
                AlarmKind.Low or AlarmKind.LowLow => slot.Raw ? number <= definition.Limit + definition.Deadband : number <= definition.Limit,
                AlarmKind.RateOfChange => Rate(slot, timestamp, number) is { } rate ? AtOrAbove(slot, Math.Abs(rate)) : null,
                AlarmKind.Deviation => Deviation(slot, number),
                _ => null,
            };

            if (raw is { } condition)
            {
                Observe(slot, condition, timestamp, timestamp, changes);
            }
            else
            {
                Advance(slot, timestamp, changes);
            }
        }

        return changes.Count - before;
    }

    /// <summary>
    /// Feeds a sample of a setpoint tag to the deviation alarms that name it and re-evaluates them against the
    /// latest value; adds the changes to <paramref name="changes"/>. Bad or non-numeric setpoints are ignored.
    /// </summary>
    /// <returns>The number of changes added.</returns>
    public int FeedSetpoint(string setpointTag, DateTime timestamp, SampleValue value, Quality quality, ICollection<AlarmConditionChange> changes)
    {
        ArgumentNullException.ThrowIfNull(setpointTag);
        ArgumentNullException.ThrowIfNull(changes);
        var setpoint = value.AsDouble();
        if (quality.IsBad || double.IsNaN(setpoint))
        {
            return 0;
        }

        // The setpoint is taken whatever its time (it may come in another batch than the value), and judged
        // at the newest instant seen so that time never runs backwards for the delays.
        if (timestamp > _last)
        {
            _last = timestamp;
        }

        timestamp = _last;
        var before = changes.Count;
        foreach (var slot in _slots)
        {
            if (slot.Definition.Kind != AlarmKind.Deviation || !string.Equals(slot.Definition.SetpointTag, setpointTag, StringComparison.Ordinal))
            {
                continue;
            }

            slot.Setpoint = setpoint;
            if (slot.LastValue is { } last)
            {
                Observe(slot, AtOrAbove(slot, Math.Abs(last - setpoint)), timestamp, timestamp, changes);
            }
            else
            {
                Advance(slot, timestamp, changes);
            }
        }

        return changes.Count - before;
    }

    /// <summary>
    /// The timer tick: finds stale data and completes changes whose delay has run out by <paramref name="now"/>
    /// (UTC); adds them to <paramref name="changes"/>.
    /// </summary>
    /// <returns>The number of changes added.</returns>
    public int Evaluate(DateTime now, ICollection<AlarmConditionChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var before = changes.Count;
        foreach (var slot in _slots)
        {
            var staleAt = slot.LastFresh + slot.Definition.StaleAfter;
            if (slot.Definition.Kind == AlarmKind.Stale && !slot.Raw && now >= staleAt)
            {
                Observe(slot, true, staleAt, now, changes);
            }
            else
            {
                Advance(slot, now, changes);
            }
        }

        return changes.Count - before;
    }

    private static bool AtOrAbove(LimitAlarmSlot slot, double value) =>
        slot.Raw ? value >= slot.Definition.Limit - slot.Definition.Deadband : value >= slot.Definition.Limit;

    private static bool? Deviation(LimitAlarmSlot slot, double value)
    {
        slot.LastValue = value;
        return slot.Setpoint is { } setpoint ? AtOrAbove(slot, Math.Abs(value - setpoint)) : null;
    }

    private static double? Rate(LimitAlarmSlot slot, DateTime timestamp, double value)
    {
        var window = slot.Window!;
        var start = timestamp - slot.Definition.RateWindow;
        while (window.Count > 0 && window.Peek().Time < start)
        {
            window.Dequeue();
        }

        window.Enqueue((timestamp, value));
        var (oldestTime, oldestValue) = window.Peek();
        var minutes = (timestamp - oldestTime).TotalMinutes;
        return minutes > 0 ? (value - oldestValue) / minutes : null;
    }

    /// <summary>Takes a new raw condition that started at <paramref name="since"/>, seen at <paramref name="now"/>.</summary>
    private static void Observe(LimitAlarmSlot slot, bool raw, DateTime since, DateTime now, ICollection<AlarmConditionChange> changes)
    {
        // A change that ran out its delay before this input completes first: the raw condition held until now.
        Advance(slot, since, changes);
        if (raw != slot.Raw)
        {
            slot.Raw = raw;
            slot.PendingSince = raw == slot.Active ? null : since;
        }

        Advance(slot, now, changes);
    }

    private static void Advance(LimitAlarmSlot slot, DateTime now, ICollection<AlarmConditionChange> changes)
    {
        if (slot.PendingSince is not { } since)
        {
            return;
        }

        var due = since + (slot.Raw ? slot.Definition.OnDelay : slot.Definition.OffDelay);
        if (now >= due)
        {
            slot.Active = slot.Raw;
            slot.PendingSince = null;
            changes.Add(new AlarmConditionChange(slot.Definition, slot.Active, due));
        }
    }
}
