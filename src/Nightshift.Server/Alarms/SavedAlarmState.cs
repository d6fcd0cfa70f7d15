using Nightshift.Core.Alarms;

namespace Nightshift.Server.Alarms;

/// <summary>The state of one alarm instance as saved across a restart, and since when (UTC) it is in that state. Immutable.</summary>
public sealed record SavedAlarmState(AlarmMachineState State, DateTime Since);
