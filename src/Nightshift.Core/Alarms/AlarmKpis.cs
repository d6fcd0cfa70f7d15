namespace Nightshift.Core.Alarms;

/// <summary>
/// Alarm system performance per ISA-18.2, computed from <see cref="AlarmEvent"/>s. Pure functions, thread-safe.
/// </summary>
/// <remarks>
/// What is counted is an annunciation (<see cref="AlarmEvent.IsAnnunciation"/>): an event that puts an alarm in
/// front of the operator as new and unacknowledged. Activations of a shelved, suppressed or out-of-service alarm
/// are not annunciated and are not counted; neither is a comment or an acknowledgement. Rate intervals are fixed
/// 10-minute intervals aligned to the hour (UTC), as ISA-18.2 counts them. Events need not be sorted.
/// </remarks>
public static class AlarmKpis
{
    /// <summary>A position with more annunciations than this in one interval is flooded.</summary>
    public const int FloodThreshold = 10;

    /// <summary>An alarm annunciated this many times within <see cref="ChatterWindow"/> is chattering.</summary>
    public const int ChatterCount = 3;

    public const int BadActorCount = 10;

    public static readonly TimeSpan RateInterval = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan ChatterWindow = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan StandingAfter = TimeSpan.FromHours(24);

    /// <summary>All figures for [<paramref name="from"/>, <paramref name="to"/>); standing alarms as of <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public static AlarmKpiReport Compute(IEnumerable<AlarmEvent> events, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(events);
        var all = Sorted(events);
        var inPeriod = all.Where(e => e.Timestamp >= from && e.Timestamp < to).ToList();
        var rates = RatesPerPosition(inPeriod);
        return new AlarmKpiReport(
            from,
            to,
            inPeriod.Count(e => e.IsAnnunciation),
            PositionRates(rates, from, to),
            rates,
            Chattering(inPeriod),
            Standing(all.Where(e => e.Timestamp < to), to),
            BadActors(inPeriod),
            PriorityDistribution(inPeriod));
    }

    /// <summary>Annunciations per operator position per 10-minute interval; intervals without any are left out. Ordered by position, then time.</summary>
    public static IReadOnlyList<AlarmRateBucket> RatesPerPosition(IEnumerable<AlarmEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events
            .Where(e => e.IsAnnunciation)
            .GroupBy(e => (e.Position, Start: IntervalStart(e.Timestamp)))
            .Select(g => new AlarmRateBucket(g.Key.Position, g.Key.Start, g.Count()))
            .OrderBy(b => b.Position, StringComparer.Ordinal)
            .ThenBy(b => b.Start)
            .ToList();
    }

    /// <summary>
    /// The load of each position over [<paramref name="from"/>, <paramref name="to"/>) from its 10-minute buckets:
    /// the period has as many intervals as the fixed intervals it touches. Ordered by position.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public static IReadOnlyList<PositionRate> PositionRates(IReadOnlyList<AlarmRateBucket> rates, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (to <= from)
        {
            throw new ArgumentException("the period must end after it starts", nameof(to));
        }

        var intervals = (int)Math.Ceiling((to - IntervalStart(from)) / RateInterval);
        return rates
            .GroupBy(r => r.Position, StringComparer.Ordinal)
            .Select(g =>
            {
                var total = g.Sum(r => r.Count);
                var floods = g.Count(r => r.IsFlood);
                return new PositionRate(g.Key, total, (double)total / intervals, g.Max(r => r.Count), floods, (double)floods / intervals);
            })
            .OrderBy(p => p.Position, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Alarms annunciated at least <see cref="ChatterCount"/> times within <see cref="ChatterWindow"/> (inclusive), with their worst window. Ordered by id.</summary>
    public static IReadOnlyList<ChatteringAlarm> Chattering(IEnumerable<AlarmEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var result = new List<ChatteringAlarm>();
        foreach (var group in Sorted(events).Where(e => e.IsAnnunciation).GroupBy(e => e.AlarmId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var times = group.Select(e => e.Timestamp).ToArray();
            ChatteringAlarm? worst = null;
            var end = 0;
            for (var start = 0; start < times.Length; start++)
            {
                while (end + 1 < times.Length && times[end + 1] - times[start] <= ChatterWindow)
                {
                    end++;
                }

                var count = end - start + 1;
                if (count >= ChatterCount && (worst is null || count > worst.Annunciations))
                {
                    worst = new ChatteringAlarm(group.Key, times[start], count);
                }
            }

            if (worst is not null)
            {
                result.Add(worst);
            }
        }

        return result;
    }

    /// <summary>Alarms whose latest state at <paramref name="asOf"/> is active (B or C) and has been, without a break, for longer than <see cref="StandingAfter"/>. Longest first.</summary>
    public static IReadOnlyList<StandingAlarm> Standing(IEnumerable<AlarmEvent> events, DateTime asOf)
    {
        ArgumentNullException.ThrowIfNull(events);
        var since = new Dictionary<string, (DateTime Since, AlarmPriority Priority)>(StringComparer.Ordinal);
        foreach (var e in Sorted(events).Where(e => e.Timestamp <= asOf))
        {
            var active = e.To is AlarmState.UnackActive or AlarmState.AckActive;
            if (!active)
            {
                since.Remove(e.AlarmId);
            }
            else if (!since.ContainsKey(e.AlarmId))
            {
                since[e.AlarmId] = (e.Timestamp, e.Priority);
            }
        }

        return since
            .Where(p => asOf - p.Value.Since > StandingAfter)
            .Select(p => new StandingAlarm(p.Key, p.Value.Since, asOf - p.Value.Since, p.Value.Priority))
            .OrderByDescending(s => s.Duration)
            .ThenBy(s => s.AlarmId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The <paramref name="count"/> alarms with the most annunciations (ties by id), with their share of all annunciations.</summary>
    public static IReadOnlyList<BadActor> BadActors(IEnumerable<AlarmEvent> events, int count = BadActorCount)
    {
        ArgumentNullException.ThrowIfNull(events);
        var annunciations = events.Where(e => e.IsAnnunciation).ToList();
        return annunciations
            .GroupBy(e => e.AlarmId, StringComparer.Ordinal)
            .Select(g => new BadActor(g.Key, g.Count(), (double)g.Count() / annunciations.Count))
            .OrderByDescending(b => b.Annunciations)
            .ThenBy(b => b.AlarmId, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    /// <summary>Annunciations per priority, urgent first, every priority listed; shares are 0 when there are none.</summary>
    public static IReadOnlyList<PriorityShare> PriorityDistribution(IEnumerable<AlarmEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var annunciations = events.Where(e => e.IsAnnunciation).ToList();
        return Enum.GetValues<AlarmPriority>()
            .Select(p =>
            {
                var n = annunciations.Count(e => e.Priority == p);
                return new PriorityShare(p, n, annunciations.Count == 0 ? 0 : (double)n / annunciations.Count);
            })
            .ToList();
    }

    /// <summary>The start of the fixed 10-minute interval (aligned to the hour) that holds <paramref name="timestamp"/>.</summary>
    public static DateTime IntervalStart(DateTime timestamp) =>
        new(timestamp.Ticks - (timestamp.Ticks % RateInterval.Ticks), DateTimeKind.Utc);

    private static List<AlarmEvent> Sorted(IEnumerable<AlarmEvent> events) => [.. events.OrderBy(e => e.Timestamp)];
}
