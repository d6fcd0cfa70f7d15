namespace Nightshift.Server.Oee;

/// <summary>What became of an operator's command on downtime or orders.</summary>
public enum ProductionCommandOutcome
{
    /// <summary>Done (and audited).</summary>
    Done,

    /// <summary>The downtime interval, the order or the asset does not exist in the caller's tenant.</summary>
    NotFound,

    /// <summary>The input is invalid.</summary>
    Invalid,

    /// <summary>The caller's role does not allow it.</summary>
    Forbidden,

    /// <summary>The current state refuses it (e.g. completing an order that is not running).</summary>
    Conflict,
}
