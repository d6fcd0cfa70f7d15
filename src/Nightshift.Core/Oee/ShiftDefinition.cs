namespace Nightshift.Core.Oee;

/// <summary>
/// A shift that starts on <see cref="Day"/> at the local wall-clock time <see cref="Start"/> and ends at the local
/// time <see cref="End"/> (on the next day when <see cref="End"/> is not after <see cref="Start"/>), with its planned
/// breaks. Local times are in the time zone of the <see cref="ShiftCalendar"/> that holds it. Immutable.
/// </summary>
public sealed record ShiftDefinition(string Name, DayOfWeek Day, TimeOnly Start, TimeOnly End, IReadOnlyList<PlannedBreak> Breaks)
{
    /// <summary>Whether the shift ends on the day after it starts.</summary>
    public bool CrossesMidnight => End <= Start;
}
