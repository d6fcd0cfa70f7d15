namespace Nightshift.Core.Alarms;

/// <summary>The ISA-18.2 alarm system performance figures of one period [<see cref="From"/>, <see cref="To"/>) (UTC). Immutable.</summary>
public sealed record AlarmKpiReport(
    DateTime From,
    DateTime To,
    int Annunciations,
    IReadOnlyList<PositionRate> Positions,
    IReadOnlyList<AlarmRateBucket> Rates,
    IReadOnlyList<ChatteringAlarm> Chattering,
    IReadOnlyList<StandingAlarm> Standing,
    IReadOnlyList<BadActor> BadActors,
    IReadOnlyList<PriorityShare> Priorities)
{
    /// <summary>The 10-minute intervals in which a position was flooded.</summary>
    public IEnumerable<AlarmRateBucket> Floods => Rates.Where(r => r.IsFlood);
}
