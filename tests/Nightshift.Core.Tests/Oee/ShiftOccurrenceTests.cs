using Nightshift.Core.Oee;
using static Nightshift.Core.Tests.Oee.OeeScriptedDay;

namespace Nightshift.Core.Tests.Oee;

public class ShiftOccurrenceTests
{
    [Fact]
    public void Occurrences_list_each_shift_with_its_span_in_utc()
    {
        var shifts = Calendar().Occurrences(Day, Day);

        shifts.ShouldBe([new ShiftOccurrence("early", Day, At(6), At(14)), new ShiftOccurrence("late", Day, At(14), At(22))]);
    }

    [Fact]
    public void Around_the_clock_plans_every_day_from_midnight_to_midnight_in_the_site_time_zone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var calendar = ShiftCalendar.AroundTheClock(berlin);

        var planned = calendar.PlannedIntervals(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2));

        planned.ShouldBe([new PlannedInterval("day", new DateTime(2026, 3, 1, 23, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 23, 0, 0, DateTimeKind.Utc))]);
        calendar.LocalDay(new DateTime(2026, 3, 1, 23, 30, 0, DateTimeKind.Utc)).ShouldBe(new DateOnly(2026, 3, 2));
    }
}
