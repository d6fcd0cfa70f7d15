namespace Nightshift.Core.Alarms;

/// <summary>
/// The life cycle of one alarm instance per ISA-18.2 / IEC 62682.
/// </summary>
/// <remarks>
/// <para>
/// Two things are tracked apart: the process condition (<see cref="ConditionActive"/>, changed by
/// <see cref="Activate"/> and <see cref="Return"/>, which an evaluator calls) and the annunciation state that
/// the operator sees (A normal, B unacknowledged active, C acknowledged active, D unacknowledged returned to
/// normal). Shelved, suppressed by design and out of service are orthogonal flags; while any is set the alarm
/// is hidden: its annunciation state is held at normal, process changes are still recorded (as events whose
/// from and to are the hidden state), and nothing is annunciated. When the last flag clears, the alarm is
/// re-evaluated: it becomes B (unacknowledged active) if the condition is active then, else A. An
/// acknowledgement pending when the alarm was hidden is dropped; a latch is dropped too.
/// </para>
/// <para>
/// A latching alarm does not follow its condition back: B stays B and C stays C when the condition clears;
/// an acknowledged latched alarm whose condition is clear returns to A by <see cref="Reset"/>. A new
/// activation of a latched, acknowledged alarm annunciates it again (C to B).
/// </para>
/// <para>
/// A refused transition returns an <see cref="AlarmResult"/> with an <see cref="AlarmError"/> and changes
/// nothing; null arguments are programming errors and throw <see cref="ArgumentNullException"/>.
/// Time comes from the injected <see cref="TimeProvider"/>; a shelve ends by itself at its time on the next
/// call (<see cref="Tick"/> is the call to make on a timer). Not thread-safe: one owner (the equipment's twin) drives it.
/// </para>
/// </remarks>
public sealed class AlarmStateMachine
{
    /// <summary>The name recorded for transitions made by the process and the plant logic.</summary>
    public const string SystemActor = "system";

    private readonly TimeProvider _time;
    private AlarmState _annunciation = AlarmState.Normal;

    public AlarmStateMachine(AlarmDefinition definition, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(time);
        Definition = definition;
        _time = time;
    }

    public AlarmDefinition Definition { get; }

    /// <summary>Whether the process condition is active now (whatever the operator sees).</summary>
    public bool ConditionActive { get; private set; }

    /// <summary>The current shelve, or null when the alarm is not shelved.</summary>
    public ShelveInfo? CurrentShelve { get; private set; }

    public bool IsShelved => CurrentShelve is not null;

    public bool IsSuppressed { get; private set; }

    public bool IsOutOfService { get; private set; }

    /// <summary>True when the operator sees the alarm's state: not shelved, suppressed or out of service.</summary>
    public bool IsAnnunciated => !IsShelved && !IsSuppressed && !IsOutOfService;

    /// <summary>The state as ISA-18.2 names it; a hidden alarm shows the strongest reason it is hidden.</summary>
    public AlarmState State =>
        IsOutOfService ? AlarmState.OutOfService
        : IsSuppressed ? AlarmState.SuppressedByDesign
        : IsShelved ? AlarmState.Shelved
        : _annunciation;

    /// <summary>The process condition became active.</summary>
    public AlarmResult Activate()
    {
        var events = BeginCall();
        if (ConditionActive)
        {
            return Refuse(events, AlarmError.AlreadyActive, "the alarm condition is already active");
        }

        var from = State;
        ConditionActive = true;
        if (IsAnnunciated)
        {
            // A normal, returned or latched (condition clear) alarm is annunciated again.
            _annunciation = AlarmState.UnackActive;
        }

        return Done(events, AlarmAction.Activate, from, SystemActor, null);
    }

    /// <summary>The process condition cleared.</summary>
    public AlarmResult Return()
    {
        var events = BeginCall();
        if (!ConditionActive)
        {
            return Refuse(events, AlarmError.NotActive, "the alarm condition is not active");
        }

        var from = State;
        ConditionActive = false;
        if (IsAnnunciated && !Definition.Latching)
        {
            _annunciation = _annunciation == AlarmState.UnackActive ? AlarmState.UnackRtn : AlarmState.Normal;
        }

        return Done(events, AlarmAction.Return, from, SystemActor, null);
    }

    /// <summary>The operator acknowledged the alarm: B becomes C, D becomes A.</summary>
    public AlarmResult Acknowledge(string who, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(who);
        var events = BeginCall();
        if (string.IsNullOrWhiteSpace(who))
        {
            return Refuse(events, AlarmError.InvalidArgument, "an acknowledgement needs the operator's name");
        }

        if (!IsAnnunciated)
        {
            return Refuse(events, AlarmError.NotAnnunciated, $"the alarm is {State} and cannot be acknowledged");
        }

        var from = State;
        switch (_annunciation)
        {
            case AlarmState.UnackActive:
                _annunciation = AlarmState.AckActive;
                break;
            case AlarmState.UnackRtn:
                _annunciation = AlarmState.Normal;
                break;
            case AlarmState.AckActive:
                return Refuse(events, AlarmError.AlreadyAcknowledged, "the alarm is already acknowledged");
            default:
                return Refuse(events, AlarmError.NothingToAcknowledge, "the alarm is normal; there is nothing to acknowledge");
        }

        return Done(events, AlarmAction.Acknowledge, from, who, comment);
    }

    /// <summary>An operator shelved the alarm until <paramref name="until"/> (UTC), for <paramref name="reason"/>.</summary>
    public AlarmResult Shelve(string who, string reason, DateTime until)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(reason);
        var events = BeginCall();
        var now = Now;
        if (string.IsNullOrWhiteSpace(who) || string.IsNullOrWhiteSpace(reason))
        {
            return Refuse(events, AlarmError.InvalidArgument, "a shelve needs the operator's name and a reason");
        }

        if (until <= now)
        {
            return Refuse(events, AlarmError.InvalidArgument, "a shelve must end in the future");
        }

        if (IsShelved)
        {
            return Refuse(events, AlarmError.AlreadyShelved, "the alarm is already shelved");
        }

        var from = State;
        CurrentShelve = new ShelveInfo(who, reason, now, until);
        Hide();
        return Done(events, AlarmAction.Shelve, from, who, reason, until);
    }

    /// <summary>An operator ended the shelve before its time.</summary>
    public AlarmResult Unshelve(string who, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(who);
        var events = BeginCall();
        if (!IsShelved)
        {
            return Refuse(events, AlarmError.NotShelved, "the alarm is not shelved");
        }

        var from = State;
        CurrentShelve = null;
        Reveal();
        return Done(events, AlarmAction.Unshelve, from, who, comment);
    }

    /// <summary>Plant logic suppressed the alarm by design, e.g. because the equipment is Down.</summary>
    public AlarmResult Suppress(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var events = BeginCall();
        if (IsSuppressed)
        {
            return Refuse(events, AlarmError.AlreadySuppressed, "the alarm is already suppressed by design");
        }

        var from = State;
        IsSuppressed = true;
        Hide();
        return Done(events, AlarmAction.Suppress, from, SystemActor, reason);
    }

    /// <summary>The plant logic that suppressed the alarm no longer holds.</summary>
    public AlarmResult Unsuppress()
    {
        var events = BeginCall();
        if (!IsSuppressed)
        {
            return Refuse(events, AlarmError.NotSuppressed, "the alarm is not suppressed by design");
        }

        var from = State;
        IsSuppressed = false;
        Reveal();
        return Done(events, AlarmAction.Unsuppress, from, SystemActor, null);
    }

    /// <summary>Maintenance took the alarm out of service.</summary>
    public AlarmResult RemoveFromService(string who, string reason)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(reason);
        var events = BeginCall();
        if (string.IsNullOrWhiteSpace(who) || string.IsNullOrWhiteSpace(reason))
        {
            return Refuse(events, AlarmError.InvalidArgument, "removing an alarm from service needs a name and a reason");
        }

        if (IsOutOfService)
        {
            return Refuse(events, AlarmError.AlreadyOutOfService, "the alarm is already out of service");
        }

        var from = State;
        IsOutOfService = true;
        Hide();
        return Done(events, AlarmAction.RemoveFromService, from, who, reason);
    }

    /// <summary>Maintenance returned the alarm to service.</summary>
    public AlarmResult ReturnToService(string who, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(who);
        var events = BeginCall();
        if (!IsOutOfService)
        {
            return Refuse(events, AlarmError.NotOutOfService, "the alarm is not out of service");
        }

        var from = State;
        IsOutOfService = false;
        Reveal();
        return Done(events, AlarmAction.ReturnToService, from, who, comment);
    }

    /// <summary>An operator reset an acknowledged latched alarm whose condition has cleared: C becomes A.</summary>
    public AlarmResult Reset(string who, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(who);
        var events = BeginCall();
        if (!Definition.Latching)
        {
            return Refuse(events, AlarmError.NotLatching, "the alarm does not latch; it needs no reset");
        }

        if (!IsAnnunciated)
        {
            return Refuse(events, AlarmError.NotAnnunciated, $"the alarm is {State} and cannot be reset");
        }

        if (ConditionActive)
        {
            return Refuse(events, AlarmError.ConditionStillActive, "the alarm condition is still active");
        }

        switch (_annunciation)
        {
            case AlarmState.UnackActive:
                return Refuse(events, AlarmError.NotAcknowledged, "acknowledge the alarm before resetting it");
            case AlarmState.Normal:
                return Refuse(events, AlarmError.NothingToReset, "the alarm is normal; there is nothing to reset");
        }

        var from = State;
        _annunciation = AlarmState.Normal;
        return Done(events, AlarmAction.Reset, from, who, comment);
    }

    /// <summary>An operator's note on the alarm; the state does not change.</summary>
    public AlarmResult AddComment(string who, string comment)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(comment);
        var events = BeginCall();
        if (string.IsNullOrWhiteSpace(who) || string.IsNullOrWhiteSpace(comment))
        {
            return Refuse(events, AlarmError.InvalidArgument, "a comment needs the operator's name and a text");
        }

        return Done(events, AlarmAction.Comment, State, who, comment);
    }

    /// <summary>What the machine must remember across a restart (see <see cref="Restore"/>).</summary>
    public AlarmMachineState Capture() => new(_annunciation, ConditionActive, CurrentShelve, IsSuppressed, IsOutOfService);

    /// <summary>
    /// Puts the machine back in a state it was in before a restart, without any event: nothing happened, the alarm carries
    /// on. A shelve whose end has passed meanwhile ends on the next call (<see cref="Tick"/>) with its
    /// <see cref="AlarmAction.ShelveExpired"/> event, as it would have without the restart.
    /// </summary>
    /// <exception cref="ArgumentException">The annunciation state is not one of A to D, or a hidden alarm is not normal underneath.</exception>
    public void Restore(AlarmMachineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Annunciation is not (AlarmState.Normal or AlarmState.UnackActive or AlarmState.AckActive or AlarmState.UnackRtn))
        {
            throw new ArgumentException($"{state.Annunciation} is not an annunciation state", nameof(state));
        }

        var hidden = state.Shelve is not null || state.Suppressed || state.OutOfService;
        if (hidden && state.Annunciation != AlarmState.Normal)
        {
            throw new ArgumentException("a hidden alarm is normal underneath", nameof(state));
        }

        _annunciation = state.Annunciation;
        ConditionActive = state.ConditionActive;
        CurrentShelve = state.Shelve;
        IsSuppressed = state.Suppressed;
        IsOutOfService = state.OutOfService;
    }

    /// <summary>Ends an expired shelve; call it on a timer. Succeeds with no event when there is nothing to do.</summary>
    public AlarmResult Tick() => IsShelved ? AlarmResult.Success(BeginCall()) : AlarmResult.Idle;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private List<AlarmEvent> BeginCall()
    {
        var events = new List<AlarmEvent>(2);
        if (CurrentShelve is { } shelve && Now >= shelve.Until)
        {
            var from = State;
            CurrentShelve = null;
            Reveal();
            events.Add(NewEvent(AlarmAction.ShelveExpired, from, SystemActor, "shelve expired", null));
        }

        return events;
    }

    private void Hide() => _annunciation = AlarmState.Normal;

    private void Reveal()
    {
        if (IsAnnunciated)
        {
            _annunciation = ConditionActive ? AlarmState.UnackActive : AlarmState.Normal;
        }
    }

    private static AlarmResult Refuse(List<AlarmEvent> events, AlarmError error, string message) =>
        AlarmResult.Failure(events, error, message);

    private AlarmResult Done(List<AlarmEvent> events, AlarmAction action, AlarmState from, string who, string? comment, DateTime? until = null)
    {
        events.Add(NewEvent(action, from, who, comment, until));
        return AlarmResult.Success(events);
    }

    private AlarmEvent NewEvent(AlarmAction action, AlarmState from, string who, string? comment, DateTime? until) =>
        new(Now, Definition.Id, action, from, State, who, comment)
        {
            Priority = Definition.Priority,
            Position = Definition.Position,
            Class = Definition.Class,
            ConditionActive = ConditionActive,
            ShelvedUntil = until,
        };
}
