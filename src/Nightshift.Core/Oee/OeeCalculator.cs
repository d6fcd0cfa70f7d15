using Nightshift.Core.Assets;

namespace Nightshift.Core.Oee;

/// <summary>
/// Computes the OEE of one equipment over a window from its state intervals, its good and scrap counts, its ideal
/// cycle time and the planned intervals of its shifts, per the ISO 22400-2 time model. Pure and thread-safe.
/// </summary>
/// <remarks>
/// Design note. Planned busy time (PBT) is the union of the busy planned intervals, clipped to the window, less the
/// union of the break intervals. Every state interval counts only for the part of it that lies inside PBT, so
/// intervals crossing the window or a shift edge are clipped and states outside planned time are not counted.
/// Productive time is the actual production time (APT); Setup is a setup loss; Down, Idle, Starved, Blocked and
/// Offline, and any part of PBT no state interval covers ("unrecorded"), are unplanned downtime. So
/// APT + setup + unplanned downtime = PBT. Availability = APT / PBT, performance = ideal cycle time × (good + scrap)
/// / APT (not capped), quality = good / (good + scrap), OEE = availability × performance × quality.
/// A failure is a Down interval that overlaps PBT; MTBF = APT / failures and MTTR = Down time in PBT / failures.
/// </remarks>
public static class OeeCalculator
{
    /// <summary>The reason of the loss for time in PBT that no state interval covers.</summary>
    public const string Unrecorded = "unrecorded";

    /// <summary>The reason of the speed loss.</summary>
    public const string SpeedLossReason = "speed";

    /// <summary>The reason of the quality loss.</summary>
    public const string QualityLossReason = "scrap";

    /// <summary>Computes the OEE over [<paramref name="from"/>, <paramref name="to"/>) (UTC).</summary>
    /// <param name="states">The equipment's state intervals; they must not overlap, in any order.</param>
    /// <param name="goodQuantity">Good units counted in the window.</param>
    /// <param name="scrapQuantity">Scrap units counted in the window.</param>
    /// <param name="idealCycleTime">The ideal time to produce one unit.</param>
    /// <param name="planned">The planned busy and break intervals, e.g. from <see cref="ShiftCalendar.PlannedIntervals"/>.</param>
    /// <param name="from">The window's start (UTC, inclusive).</param>
    /// <param name="to">The window's end (UTC, exclusive).</param>
    /// <exception cref="ArgumentNullException">A collection is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A quantity or the ideal cycle time is negative.</exception>
    /// <exception cref="ArgumentException">The window ends before it starts, an interval ends before it starts, or state intervals overlap.</exception>
    /// <exception cref="OverflowException">The ideal cycle time times the quantity exceeds <see cref="TimeSpan.MaxValue"/>.</exception>
    public static OeeResult Compute(
        IEnumerable<StateInterval> states,
        long goodQuantity,
        long scrapQuantity,
        TimeSpan idealCycleTime,
        IEnumerable<PlannedInterval> planned,
        DateTime from,
        DateTime to)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentOutOfRangeException.ThrowIfNegative(goodQuantity);
        ArgumentOutOfRangeException.ThrowIfNegative(scrapQuantity);
        ArgumentOutOfRangeException.ThrowIfLessThan(idealCycleTime, TimeSpan.Zero);
        if (to < from)
        {
            throw new ArgumentException("The window ends before it starts.", nameof(to));
        }

        var plannedList = planned.ToList();
        foreach (var p in plannedList)
        {
            if (p.End < p.Start)
            {
                throw new ArgumentException($"A planned interval of shift '{p.Shift}' ends before it starts.", nameof(planned));
            }
        }

        var breaks = Merge(plannedList.Where(p => p.Kind == PlannedIntervalKind.Break).Select(p => (p.Start, p.End)), from, to);
        var busy = Subtract(Merge(plannedList.Where(p => p.Kind == PlannedIntervalKind.Busy).Select(p => (p.Start, p.End)), from, to), breaks);
        var plannedBusy = Sum(busy);
        var plannedDowntime = Sum(breaks);

        var ordered = states.OrderBy(s => s.Start).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].End < ordered[i].Start)
            {
                throw new ArgumentException($"The '{ordered[i].State}' interval at {ordered[i].Start:O} ends before it starts.", nameof(states));
            }

            if (i > 0 && ordered[i].Start < ordered[i - 1].End)
            {
                throw new ArgumentException($"The state intervals at {ordered[i - 1].Start:O} and {ordered[i].Start:O} overlap.", nameof(states));
            }
        }

        var production = TimeSpan.Zero;
        var setup = TimeSpan.Zero;
        var repair = TimeSpan.Zero;
        var failures = 0;
        var losses = new Dictionary<(OeeLossKind Kind, string Reason), (string? Text, TimeSpan Duration, int Occurrences)>();
        foreach (var state in ordered)
        {
            var inside = Overlap(busy, state.Start, state.End);
            if (inside == TimeSpan.Zero)
            {
                continue;
            }

            switch (state.Category)
            {
                case StateCategory.Productive:
                    production += inside;
                    continue;
                case StateCategory.Setup:
                    setup += inside;
                    break;
                case StateCategory.Down:
                    failures++;
                    repair += inside;
                    break;
                default:
                    break;
            }

            var kind = state.Category == StateCategory.Setup ? OeeLossKind.Setup : OeeLossKind.Downtime;
            var key = (kind, state.ReasonCode ?? state.State);
            losses[key] = losses.TryGetValue(key, out var total)
                ? (total.Text ?? state.ReasonText, total.Duration + inside, total.Occurrences + 1)
                : (state.ReasonText, inside, 1);
        }

        var uncovered = Subtract(busy, Merge(ordered.Select(s => (s.Start, s.End)), from, to));
        var result = losses
            .Select(l => new OeeLoss(l.Key.Kind, l.Key.Reason, l.Value.Text, l.Value.Duration, l.Value.Occurrences))
            .ToList();
        if (uncovered.Count > 0)
        {
            result.Add(new OeeLoss(OeeLossKind.Downtime, Unrecorded, null, Sum(uncovered), uncovered.Count));
        }

        var produced = goodQuantity + scrapQuantity;
        var idealTime = TimeSpan.FromTicks(checked(idealCycleTime.Ticks * produced));
        var speedLoss = production - idealTime;
        if (speedLoss > TimeSpan.Zero)
        {
            result.Add(new OeeLoss(OeeLossKind.Speed, SpeedLossReason, null, speedLoss, 0));
        }

        var qualityLoss = TimeSpan.FromTicks(checked(idealCycleTime.Ticks * scrapQuantity));
        if (qualityLoss > TimeSpan.Zero)
        {
            result.Add(new OeeLoss(OeeLossKind.Quality, QualityLossReason, null, qualityLoss, 0));
        }

        result.Sort(static (a, b) =>
        {
            var c = b.Duration.CompareTo(a.Duration);
            c = c != 0 ? c : a.Kind.CompareTo(b.Kind);
            return c != 0 ? c : string.CompareOrdinal(a.Reason, b.Reason);
        });

        double availability = 0, performance = 0, quality = 0;
        if (plannedBusy > TimeSpan.Zero)
        {
            availability = production.Ticks / (double)plannedBusy.Ticks;
            performance = production > TimeSpan.Zero ? idealTime.Ticks / (double)production.Ticks : 0;
            quality = produced > 0 ? goodQuantity / (double)produced : 0;
        }

        return new OeeResult(
            from,
            to,
            plannedBusy,
            production,
            plannedDowntime,
            plannedBusy - production - setup,
            setup,
            goodQuantity,
            scrapQuantity,
            availability,
            performance,
            quality,
            availability * performance * quality,
            result,
            failures,
            failures > 0 ? production / failures : null,
            failures > 0 ? repair / failures : null)
        {
            IdealProductionTime = idealTime,
            RepairTime = repair,
        };
    }

    /// <summary>The union of the ranges clipped to [from, to), sorted and disjoint.</summary>
    private static List<(DateTime Start, DateTime End)> Merge(IEnumerable<(DateTime Start, DateTime End)> ranges, DateTime from, DateTime to)
    {
        var clipped = ranges
            .Select(r => (Start: r.Start < from ? from : r.Start, End: r.End > to ? to : r.End))
            .Where(r => r.End > r.Start)
            .OrderBy(r => r.Start)
            .ToList();
        var merged = new List<(DateTime Start, DateTime End)>(clipped.Count);
        foreach (var r in clipped)
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End)
            {
                if (r.End > merged[^1].End)
                {
                    merged[^1] = (merged[^1].Start, r.End);
                }
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    /// <summary>The parts of the sorted disjoint <paramref name="ranges"/> not covered by the sorted disjoint <paramref name="holes"/>.</summary>
    private static List<(DateTime Start, DateTime End)> Subtract(List<(DateTime Start, DateTime End)> ranges, List<(DateTime Start, DateTime End)> holes)
    {
        var result = new List<(DateTime Start, DateTime End)>(ranges.Count);
        foreach (var range in ranges)
        {
            var cursor = range.Start;
            foreach (var hole in holes)
            {
                if (hole.End <= cursor || hole.Start >= range.End)
                {
                    continue;
                }

                if (hole.Start > cursor)
                {
                    result.Add((cursor, hole.Start));
                }

                cursor = hole.End;
                if (cursor >= range.End)
                {
                    break;
                }
            }

            if (range.End > cursor)
            {
                result.Add((cursor, range.End));
            }
        }

        return result;
    }

    private static TimeSpan Overlap(List<(DateTime Start, DateTime End)> ranges, DateTime start, DateTime end)
    {
        var total = TimeSpan.Zero;
        foreach (var r in ranges)
        {
            var from = r.Start > start ? r.Start : start;
            var to = r.End < end ? r.End : end;
            if (to > from)
            {
                total += to - from;
            }
        }

        return total;
    }

    private static TimeSpan Sum(List<(DateTime Start, DateTime End)> ranges)
    {
        var total = TimeSpan.Zero;
        foreach (var r in ranges)
        {
            total += r.End - r.Start;
        }

        return total;
    }
}
