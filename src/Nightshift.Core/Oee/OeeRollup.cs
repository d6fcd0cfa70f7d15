namespace Nightshift.Core.Oee;

/// <summary>
/// Rolls OEE results of several equipment (or several windows) up into one, per ISO 22400-2: times and counts are
/// summed and the ratios computed again from the sums, never averaged. Pure and thread-safe.
/// </summary>
/// <remarks>
/// Availability = Σ APT / Σ PBT; performance = Σ ideal production time / Σ APT; quality = Σ good / Σ (good + scrap);
/// OEE = availability × performance × quality. Losses of one kind and reason are summed (durations and occurrences) and
/// sorted again as a Pareto. MTBF = Σ APT / Σ failures, MTTR = Σ repair time / Σ failures. So a line whose one machine
/// stood still half of the shift has half the availability of that machine's time, weighted by planned time, and an
/// equipment without planned time weighs nothing.
/// </remarks>
public static class OeeRollup
{
    /// <summary>Sums <paramref name="results"/> into one result over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    public static OeeResult Combine(IEnumerable<OeeResult> results, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(results);
        TimeSpan planned = TimeSpan.Zero, production = TimeSpan.Zero, plannedDown = TimeSpan.Zero, unplannedDown = TimeSpan.Zero;
        TimeSpan setup = TimeSpan.Zero, ideal = TimeSpan.Zero, repair = TimeSpan.Zero;
        long good = 0, scrap = 0;
        var failures = 0;
        var losses = new Dictionary<(OeeLossKind Kind, string Reason), (string? Text, TimeSpan Duration, int Occurrences)>();
        foreach (var r in results)
        {
            ArgumentNullException.ThrowIfNull(r);
            planned += r.PlannedBusyTime;
            production += r.ActualProductionTime;
            plannedDown += r.PlannedDowntime;
            unplannedDown += r.UnplannedDowntime;
            setup += r.SetupTime;
            ideal += r.IdealProductionTime;
            repair += r.RepairTime;
            good += r.GoodQuantity;
            scrap += r.ScrapQuantity;
            failures += r.Failures;
            foreach (var loss in r.Losses)
            {
                var key = (loss.Kind, loss.Reason);
                losses[key] = losses.TryGetValue(key, out var total)
                    ? (total.Text ?? loss.ReasonText, total.Duration + loss.Duration, total.Occurrences + loss.Occurrences)
                    : (loss.ReasonText, loss.Duration, loss.Occurrences);
            }
        }

        var pareto = losses.Select(l => new OeeLoss(l.Key.Kind, l.Key.Reason, l.Value.Text, l.Value.Duration, l.Value.Occurrences)).ToList();
        pareto.Sort(CompareLosses);
        var produced = good + scrap;
        double availability = 0, performance = 0, quality = 0;
        if (planned > TimeSpan.Zero)
        {
            availability = production.Ticks / (double)planned.Ticks;
            performance = production > TimeSpan.Zero ? ideal.Ticks / (double)production.Ticks : 0;
            quality = produced > 0 ? good / (double)produced : 0;
        }

        return new OeeResult(
            from,
            to,
            planned,
            production,
            plannedDown,
            unplannedDown,
            setup,
            good,
            scrap,
            availability,
            performance,
            quality,
            availability * performance * quality,
            pareto,
            failures,
            failures > 0 ? production / failures : null,
            failures > 0 ? repair / failures : null)
        {
            IdealProductionTime = ideal,
            RepairTime = repair,
        };
    }

    /// <summary>The Pareto order of losses: longest first, then by kind, then by reason (ordinal).</summary>
    public static int CompareLosses(OeeLoss a, OeeLoss b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = b.Duration.CompareTo(a.Duration);
        c = c != 0 ? c : a.Kind.CompareTo(b.Kind);
        return c != 0 ? c : string.CompareOrdinal(a.Reason, b.Reason);
    }
}
