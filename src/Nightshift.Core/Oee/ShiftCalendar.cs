namespace Nightshift.Core.Oee;

/// <summary>
/// The shifts of a site, per weekday, in the site's time zone. <see cref="PlannedIntervals"/> turns them into UTC
/// planned busy and break intervals for a range of local days. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Daylight saving time: shift starts and ends and break starts are local wall-clock times, so a shift over the night
/// the clocks go forward is an hour shorter and one over the night they go back is an hour longer. A local time that
/// does not exist (in the gap when clocks go forward) is moved forward by the length of the gap; a local time that
/// occurs twice (when clocks go back) is taken at its first occurrence. Break durations are elapsed time.
/// </remarks>
public sealed class ShiftCalendar
{
    private readonly ShiftDefinition[] _shifts;

    /// <summary>Creates a calendar.</summary>
    /// <exception cref="ArgumentNullException">A parameter is null.</exception>
    /// <exception cref="ArgumentException">A break is negative or does not lie inside its shift.</exception>
    public ShiftCalendar(TimeZoneInfo timeZone, IEnumerable<ShiftDefinition> shifts)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(shifts);
        TimeZone = timeZone;
        _shifts = [.. shifts];
        foreach (var shift in _shifts)
        {
            ArgumentNullException.ThrowIfNull(shift);
            ArgumentNullException.ThrowIfNull(shift.Breaks, nameof(shifts));
            var length = shift.CrossesMidnight ? TimeSpan.FromDays(1) - (shift.Start - shift.End) : shift.End - shift.Start;
            foreach (var pause in shift.Breaks)
            {
                var offset = pause.Start >= shift.Start ? pause.Start - shift.Start : TimeSpan.FromDays(1) - (shift.Start - pause.Start);
                if (pause.Duration < TimeSpan.Zero || offset + pause.Duration > length)
                {
                    throw new ArgumentException($"The break at {pause.Start} of shift '{shift.Name}' does not lie inside the shift.", nameof(shifts));
                }
            }
        }
    }

    /// <summary>A calendar planned around the clock: one shift named <c>day</c> from midnight to midnight on every day.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    public static ShiftCalendar AroundTheClock(TimeZoneInfo timeZone) =>
        new(timeZone, Enum.GetValues<DayOfWeek>().Select(d => new ShiftDefinition("day", d, TimeOnly.MinValue, TimeOnly.MinValue, [])));

    /// <summary>The site's time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The shifts.</summary>
    public IReadOnlyList<ShiftDefinition> Shifts => _shifts;

    /// <summary>
    /// The planned busy and break intervals (UTC) of every shift that starts on a local day from
    /// <paramref name="firstDay"/> to <paramref name="lastDay"/> inclusive, sorted by start. Breaks are cut out of the
    /// busy intervals, so busy and break intervals of one shift do not overlap.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="lastDay"/> is before <paramref name="firstDay"/>.</exception>
    public IReadOnlyList<PlannedInterval> PlannedIntervals(DateOnly firstDay, DateOnly lastDay)
    {
        if (lastDay < firstDay)
        {
            throw new ArgumentException("The last day is before the first day.", nameof(lastDay));
        }

        var result = new List<PlannedInterval>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var shift in _shifts)
            {
                if (shift.Day == day.DayOfWeek)
                {
                    AddShift(result, shift, day);
                }
            }
        }

        result.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Kind.CompareTo(b.Kind));
        return result;
    }

    /// <summary>The shifts that start on a local day from <paramref name="firstDay"/> to <paramref name="lastDay"/> inclusive, sorted by start.</summary>
    /// <exception cref="ArgumentException"><paramref name="lastDay"/> is before <paramref name="firstDay"/>.</exception>
    public IReadOnlyList<ShiftOccurrence> Occurrences(DateOnly firstDay, DateOnly lastDay)
    {
        if (lastDay < firstDay)
        {
            throw new ArgumentException("The last day is before the first day.", nameof(lastDay));
        }

        var result = new List<ShiftOccurrence>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var shift in _shifts)
            {
                if (shift.Day == day.DayOfWeek)
                {
                    var start = ToUtc(day, shift.Start);
                    var end = ToUtc(shift.CrossesMidnight ? day.AddDays(1) : day, shift.End);
                    if (end > start)
                    {
                        result.Add(new ShiftOccurrence(shift.Name, day, start, end));
                    }
                }
            }
        }

        result.Sort((a, b) => a.Start.CompareTo(b.Start));
        return result;
    }

    /// <summary>The local day (in <see cref="TimeZone"/>) of a UTC instant.</summary>
    public DateOnly LocalDay(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone));

    /// <summary>
    /// The UTC instant of a local wall-clock time in <see cref="TimeZone"/>: a time in the gap of a forward change is
    /// moved forward by the gap, a time that occurs twice is taken at its first occurrence.
    /// </summary>
    public DateTime ToUtc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            // The offset in force before the gap: the wall time is read as if the clocks had not changed yet.
            var before = TimeZone.GetUtcOffset(local.AddDays(-1));
            return DateTime.SpecifyKind(local - before, DateTimeKind.Utc);
        }

        if (TimeZone.IsAmbiguousTime(local))
        {
            var largest = TimeZone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - largest, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
    }

    private void AddShift(List<PlannedInterval> result, ShiftDefinition shift, DateOnly day)
    {
        var start = ToUtc(day, shift.Start);
        var end = ToUtc(shift.CrossesMidnight ? day.AddDays(1) : day, shift.End);
        var breaks = shift.Breaks
            .Select(b => (Start: ToUtc(b.Start < shift.Start ? day.AddDays(1) : day, b.Start), b.Duration))
            .Select(b => (b.Start, End: b.Start + b.Duration))
            .Where(b => b.End > b.Start)
            .OrderBy(b => b.Start)
            .ToList();
        var cursor = start;
        foreach (var (breakStart, breakEnd) in breaks)
        {
            var from = breakStart < start ? start : breakStart;
            var to = breakEnd > end ? end : breakEnd;
            if (to <= from)
            {
                continue;
            }

            if (from > cursor)
            {
                result.Add(new PlannedInterval(shift.Name, cursor, from));
            }

            result.Add(new PlannedInterval(shift.Name, from, to, PlannedIntervalKind.Break));
            if (to > cursor)
            {
                cursor = to;
            }
        }

        if (end > cursor)
        {
            result.Add(new PlannedInterval(shift.Name, cursor, end));
        }
    }
}
