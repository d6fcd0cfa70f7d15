namespace Nightshift.Core.Alarms;

/// <summary>What caused an <see cref="AlarmEvent"/>: a change of the process condition, or an operator or system action.</summary>
public enum AlarmAction
{
    Activate,
    Return,
    Acknowledge,
    Shelve,
    Unshelve,

    /// <summary>A shelve reached its time and ended by itself.</summary>
    ShelveExpired,
    Suppress,
    Unsuppress,
    RemoveFromService,
    ReturnToService,
    Reset,
    Comment,
}
