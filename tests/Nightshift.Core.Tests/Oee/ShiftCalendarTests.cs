using Nightshift.Core.Oee;

namespace Nightshift.Core.Tests.Oee;

public class ShiftCalendarTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static ShiftDefinition Night(DayOfWeek day, params PlannedBreak[] breaks) =>
        new("night", day, new TimeOnly(22, 0), new TimeOnly(6, 0), breaks);

    [Fact]
    public void A_shift_crossing_midnight_ends_on_the_next_day_with_its_break_after_midnight()
    {
        var calendar = new ShiftCalendar(TimeZoneInfo.Utc, [Night(DayOfWeek.Monday, new PlannedBreak(new TimeOnly(2, 0), TimeSpan.FromMinutes(30)))]);

        var planned = calendar.PlannedIntervals(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2));

        planned.ShouldBe(
        [
            new PlannedInterval("night", Utc(2026, 3, 2, 22), Utc(2026, 3, 3, 2)),
            new PlannedInterval("night", Utc(2026, 3, 3, 2), Utc(2026, 3, 3, 2, 30), PlannedIntervalKind.Break),
            new PlannedInterval("night", Utc(2026, 3, 3, 2, 30), Utc(2026, 3, 3, 6)),
        ]);
    }

    [Fact]
    public void A_shift_belongs_to_the_day_it_starts_on()
    {
        var calendar = new ShiftCalendar(TimeZoneInfo.Utc, [Night(DayOfWeek.Sunday)]);

        // Monday holds no shift start; Sunday's night shift ends on Monday but is not listed for Monday.
        calendar.PlannedIntervals(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2)).ShouldBeEmpty();
        calendar.PlannedIntervals(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)).ShouldHaveSingleItem()
            .ShouldBe(new PlannedInterval("night", Utc(2026, 3, 1, 22), Utc(2026, 3, 2, 6)));
    }

    [Fact]
    public void A_night_shift_over_the_spring_change_in_Berlin_is_an_hour_shorter()
    {
        // 2026-03-28 22:00 CET = 21:00 UTC; 2026-03-29 06:00 CEST = 04:00 UTC: 7 h. The break at 02:30 does not exist
        // (02:00 jumps to 03:00); it is moved forward by the gap to 03:30 CEST = 01:30 UTC and lasts 30 min.
        var calendar = new ShiftCalendar(Berlin, [Night(DayOfWeek.Saturday, new PlannedBreak(new TimeOnly(2, 30), TimeSpan.FromMinutes(30)))]);

        var planned = calendar.PlannedIntervals(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 28));

        planned.ShouldBe(
        [
            new PlannedInterval("night", Utc(2026, 3, 28, 21), Utc(2026, 3, 29, 1, 30)),
            new PlannedInterval("night", Utc(2026, 3, 29, 1, 30), Utc(2026, 3, 29, 2), PlannedIntervalKind.Break),
            new PlannedInterval("night", Utc(2026, 3, 29, 2), Utc(2026, 3, 29, 4)),
        ]);
        var result = OeeCalculator.Compute([], 0, 0, TimeSpan.FromSeconds(1), planned, Utc(2026, 3, 28, 0), Utc(2026, 3, 30, 0));
        result.PlannedBusyTime.ShouldBe(TimeSpan.FromHours(6.5));
        result.PlannedDowntime.ShouldBe(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void A_night_shift_over_the_autumn_change_in_Berlin_is_an_hour_longer()
    {
        // 2026-10-24 22:00 CEST = 20:00 UTC; 2026-10-25 06:00 CET = 05:00 UTC: 9 h. The break at 02:30 happens twice;
        // it is taken at its first occurrence, 02:30 CEST = 00:30 UTC.
        var calendar = new ShiftCalendar(Berlin, [Night(DayOfWeek.Saturday, new PlannedBreak(new TimeOnly(2, 30), TimeSpan.FromMinutes(30)))]);

        var planned = calendar.PlannedIntervals(new DateOnly(2026, 10, 24), new DateOnly(2026, 10, 24));

        planned.ShouldBe(
        [
            new PlannedInterval("night", Utc(2026, 10, 24, 20), Utc(2026, 10, 25, 0, 30)),
            new PlannedInterval("night", Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 25, 1), PlannedIntervalKind.Break),
            new PlannedInterval("night", Utc(2026, 10, 25, 1), Utc(2026, 10, 25, 5)),
        ]);
    }

    [Fact]
    public void Day_shifts_on_the_change_day_keep_their_local_hours()
    {
        // Sunday 2026-03-29 06:00–14:00 CEST = 04:00–12:00 UTC; Saturday 06:00–14:00 CET = 05:00–13:00 UTC.
        var calendar = new ShiftCalendar(Berlin,
        [
            new ShiftDefinition("early", DayOfWeek.Saturday, new TimeOnly(6, 0), new TimeOnly(14, 0), []),
            new ShiftDefinition("early", DayOfWeek.Sunday, new TimeOnly(6, 0), new TimeOnly(14, 0), []),
        ]);

        calendar.PlannedIntervals(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 29)).ShouldBe(
        [
            new PlannedInterval("early", Utc(2026, 3, 28, 5), Utc(2026, 3, 28, 13)),
            new PlannedInterval("early", Utc(2026, 3, 29, 4), Utc(2026, 3, 29, 12)),
        ]);
    }

    [Fact]
    public void A_break_outside_its_shift_is_rejected()
    {
        var shift = new ShiftDefinition("early", DayOfWeek.Monday, new TimeOnly(6, 0), new TimeOnly(14, 0), [new PlannedBreak(new TimeOnly(13, 45), TimeSpan.FromMinutes(30))]);

        Should.Throw<ArgumentException>(() => new ShiftCalendar(TimeZoneInfo.Utc, [shift]));
    }
}
