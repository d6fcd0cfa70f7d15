namespace Nightshift.Core.Alarms;

/// <summary>
/// What an <see cref="AlarmStateMachine"/> must remember to carry on after a restart: the annunciation state the operator
/// saw (A to D), whether the process condition was active, the shelve (with its end, so that it still expires at its
/// time), and the suppressed-by-design and out-of-service flags. Taken by <see cref="AlarmStateMachine.Capture"/> and
/// given back by <see cref="AlarmStateMachine.Restore"/>. Immutable and thread-safe.
/// </summary>
/// <param name="Annunciation">The annunciated state under any hiding flag: <see cref="AlarmState.Normal"/> to <see cref="AlarmState.UnackRtn"/>.</param>
/// <param name="ConditionActive">Whether the process condition was active.</param>
/// <param name="Shelve">The shelve, or null.</param>
/// <param name="Suppressed">Suppressed by design.</param>
/// <param name="OutOfService">Removed from service.</param>
public sealed record AlarmMachineState(AlarmState Annunciation, bool ConditionActive, ShelveInfo? Shelve, bool Suppressed, bool OutOfService)
{
    /// <summary>The state of an alarm that never changed: normal, condition clear, nothing hidden.</summary>
    public static AlarmMachineState Initial { get; } = new(AlarmState.Normal, false, null, false, false);
}
