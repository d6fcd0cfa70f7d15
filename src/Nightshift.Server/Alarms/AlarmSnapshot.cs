using Nightshift.Core.Alarms;

namespace Nightshift.Server.Alarms;

/// <summary>
/// One alarm instance as it is now: its id (see <see cref="AlarmIds"/>), equipment path, definition, ISA-18.2 state,
/// whether the process condition is active, since when (UTC) it is in that state, and its shelve. Immutable.
/// </summary>
public sealed record AlarmSnapshot(
    string Id,
    string Tenant,
    string Equipment,
    AlarmDefinition Definition,
    AlarmState State,
    bool ConditionActive,
    DateTime Since,
    ShelveInfo? Shelve)
{
    /// <summary>
    /// Whether the alarm belongs on an active list: waiting for the operator (unacknowledged or acknowledged active,
    /// unacknowledged returned), shelved, or hidden (suppressed, out of service) with its condition active.
    /// </summary>
    public bool IsActive => State is AlarmState.UnackActive or AlarmState.AckActive or AlarmState.UnackRtn or AlarmState.Shelved || ConditionActive;
}
