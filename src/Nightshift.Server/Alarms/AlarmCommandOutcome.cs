namespace Nightshift.Server.Alarms;

/// <summary>How an operator's command on an alarm ended.</summary>
public enum AlarmCommandOutcome
{
    Done,

    /// <summary>No alarm with that id in the tenant.</summary>
    NotFound,

    /// <summary>The alarm's life cycle does not allow the command now (e.g. acknowledging a normal alarm).</summary>
    Refused,

    /// <summary>The caller's role does not allow commands on alarms (operator or more is needed).</summary>
    Forbidden,

    /// <summary>The input is not valid (a missing reason, a shelve too long, a text too long); nothing was done.</summary>
    Invalid,
}
