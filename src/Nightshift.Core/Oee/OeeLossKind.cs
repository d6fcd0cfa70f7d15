namespace Nightshift.Core.Oee;

/// <summary>Which OEE factor a <see cref="OeeLoss"/> lowers.</summary>
public enum OeeLossKind
{
    /// <summary>Unplanned downtime inside planned busy time (Down, Idle, Starved, Blocked, Offline or unrecorded): lowers availability.</summary>
    Downtime,

    /// <summary>Setup or changeover inside planned busy time: lowers availability.</summary>
    Setup,

    /// <summary>Producing slower than the ideal cycle time: lowers performance.</summary>
    Speed,

    /// <summary>The ideal time spent on scrap: lowers quality.</summary>
    Quality,
}
