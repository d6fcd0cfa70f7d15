namespace Nightshift.Core.Oee;

/// <summary>Whether a <see cref="PlannedInterval"/> is planned to produce or is planned downtime (ISO 22400).</summary>
public enum PlannedIntervalKind
{
    /// <summary>Planned busy time: the equipment is planned to produce.</summary>
    Busy,

    /// <summary>Planned downtime inside a shift: a break, planned maintenance.</summary>
    Break,
}
