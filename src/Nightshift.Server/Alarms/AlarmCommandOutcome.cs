namespace Nightshift.Server.Alarms;

/// <summary>How an operator's command on an alarm ended.</summary>
public enum AlarmCommandOutcome
{
    Done,

    /// <summary>No alarm with that id in the tenant.</summary>
    NotFound,

    /// <summary>The alarm's life cycle does not allow the command now (e.g. acknowledging a normal alarm).</summary>
    Refused,
}
