using Nightshift.Core.Assets;
using Nightshift.Core.Oee;

namespace Nightshift.Core.Tests.Oee;

/// <summary>
/// A scripted Monday (2026-03-02, site time zone UTC) for the OEE tests. Early shift 06:00–14:00 with a break
/// 10:00–10:30, late shift 14:00–22:00 with a break 18:00–18:30: planned busy time 16 h − 1 h = 900 min.
/// </summary>
internal static class OeeScriptedDay
{
    public static readonly DateOnly Day = new(2026, 3, 2);

    public static DateTime At(int hour, int minute = 0) => new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc).AddHours(hour).AddMinutes(minute);

    public static ShiftCalendar Calendar() => new(
        TimeZoneInfo.Utc,
        [
            new ShiftDefinition("early", DayOfWeek.Monday, new TimeOnly(6, 0), new TimeOnly(14, 0), [new PlannedBreak(new TimeOnly(10, 0), TimeSpan.FromMinutes(30))]),
            new ShiftDefinition("late", DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(22, 0), [new PlannedBreak(new TimeOnly(18, 0), TimeSpan.FromMinutes(30))]),
        ]);

    public static StateInterval Running(int h1, int m1, int h2, int m2) => new("Running", StateCategory.Productive, At(h1, m1), At(h2, m2));

    public static StateInterval Down(int h1, int m1, int h2, int m2, string code, string text) =>
        new("Down", StateCategory.Down, At(h1, m1), At(h2, m2)) { ReasonCode = code, ReasonText = text };

    /// <summary>The day's states; the minutes each contributes inside planned busy time are noted on each line.</summary>
    public static List<StateInterval> States() =>
    [
        new("Offline", StateCategory.Offline, At(0), At(6)),             // outside the shifts: 0
        new("Changeover", StateCategory.Setup, At(6), At(6, 30)),        // setup 30
        Running(6, 30, 9, 0),                                            // APT 150
        Down(9, 0, 9, 20, "F-17", "Hydraulic pressure low"),             // F-17 20
        Running(9, 20, 12, 0),                                           // 160 − break 30 = APT 130
        new("Starved", StateCategory.Starved, At(12), At(12, 15)),       // Starved 15
        Running(12, 15, 15, 0),                                          // APT 165 (across the shift change)
        Down(15, 0, 15, 40, "F-17", "Hydraulic pressure low"),           // F-17 40
        Running(15, 40, 17, 0),                                          // APT 80
        new("Blocked", StateCategory.Blocked, At(17), At(17, 10)),       // Blocked 10
        Running(17, 10, 20, 0),                                          // 170 − break 30 = APT 140
        Down(20, 0, 20, 5, "F-02", "Light curtain"),                     // F-02 5
        Running(20, 5, 21, 30),                                          // APT 85
                                                                         // 21:30–21:45 nothing recorded: 15
        new("Idle", StateCategory.Idle, At(21, 45), At(24)),             // 21:45–22:00 inside: Idle 15
    ];
}
