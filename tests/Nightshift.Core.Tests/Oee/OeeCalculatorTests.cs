using Nightshift.Core.Oee;
using static Nightshift.Core.Tests.Oee.OeeScriptedDay;

namespace Nightshift.Core.Tests.Oee;

public class OeeCalculatorTests
{
    private static readonly TimeSpan IdealCycle = TimeSpan.FromSeconds(30);

    private static IReadOnlyList<PlannedInterval> Planned() => Calendar().PlannedIntervals(Day, Day);

    [Fact]
    public void A_scripted_day_computed_by_hand_equals_the_calculator()
    {
        var result = OeeCalculator.Compute(States(), 1380, 20, IdealCycle, Planned(), At(0), At(24));

        // PBT = (06:00–14:00 − 30) + (14:00–22:00 − 30) = 450 + 450 = 900 min; planned downtime = 2 × 30 = 60 min.
        result.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(900));
        result.PlannedDowntime.ShouldBe(TimeSpan.FromMinutes(60));

        // APT = 150 + 130 + 165 + 80 + 140 + 85 = 750 min; setup 30; unplanned = 900 − 750 − 30 = 120
        // (F-17 20 + 40, F-02 5, Starved 15, Blocked 10, unrecorded 15, Idle 15 = 120).
        result.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(750));
        result.SetupTime.ShouldBe(TimeSpan.FromMinutes(30));
        result.UnplannedDowntime.ShouldBe(TimeSpan.FromMinutes(120));

        // A = 750 / 900; P = 30 s × 1400 / 750 min = 700 / 750; Q = 1380 / 1400; OEE = A × P × Q (= 690 / 900).
        result.Availability.ShouldBe(750.0 / 900.0);
        result.Performance.ShouldBe(700.0 / 750.0);
        result.Quality.ShouldBe(1380.0 / 1400.0);
        result.Oee.ShouldBe(750.0 / 900.0 * (700.0 / 750.0) * (1380.0 / 1400.0));
        result.Oee.ShouldBe(690.0 / 900.0, 1e-12);
        result.HasPlannedBusyTime.ShouldBeTrue();
        result.ProducedQuantity.ShouldBe(1400);

        // Failures: three Down intervals. MTBF = 750 / 3 = 250 min; MTTR = (20 + 40 + 5) / 3 = 21 min 40 s.
        result.Failures.ShouldBe(3);
        result.MeanTimeBetweenFailures.ShouldBe(TimeSpan.FromMinutes(250));
        result.MeanTimeToRepair.ShouldBe(TimeSpan.FromSeconds(65 * 60 / 3));

        // Pareto: speed loss = 750 − 700 = 50 min; quality loss = 20 × 30 s = 10 min; ties by kind, then reason.
        result.Losses.Select(l => (l.Kind, l.Reason, l.Duration.TotalMinutes, l.Occurrences)).ShouldBe(
        [
            (OeeLossKind.Downtime, "F-17", 60.0, 2),
            (OeeLossKind.Speed, OeeCalculator.SpeedLossReason, 50.0, 0),
            (OeeLossKind.Setup, "Changeover", 30.0, 1),
            (OeeLossKind.Downtime, "Idle", 15.0, 1),
            (OeeLossKind.Downtime, "Starved", 15.0, 1),
            (OeeLossKind.Downtime, OeeCalculator.Unrecorded, 15.0, 1),
            (OeeLossKind.Downtime, "Blocked", 10.0, 1),
            (OeeLossKind.Quality, OeeCalculator.QualityLossReason, 10.0, 0),
            (OeeLossKind.Downtime, "F-02", 5.0, 1),
        ]);
        result.Losses[0].ReasonText.ShouldBe("Hydraulic pressure low");
        result.Losses.Where(l => l.Kind is OeeLossKind.Downtime or OeeLossKind.Setup).Sum(l => l.Duration.Ticks)
            .ShouldBe((result.PlannedBusyTime - result.ActualProductionTime).Ticks);
    }

    [Fact]
    public void Intervals_crossing_the_window_are_clipped_to_it()
    {
        // Window 09:10–15:10: PBT = 09:10–10:00 (50) + 10:30–15:10 (280) = 330 min; the break 10:00–10:30 is planned downtime.
        // Down 09:00–09:20 → 10; Running 09:20–12:00 → 40 + 90 = 130; Starved 15; Running 12:15–15:00 → 165; Down 15:00–15:40 → 10.
        var result = OeeCalculator.Compute(States(), 500, 0, IdealCycle, Planned(), At(9, 10), At(15, 10));

        result.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(330));
        result.PlannedDowntime.ShouldBe(TimeSpan.FromMinutes(30));
        result.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(295));
        result.UnplannedDowntime.ShouldBe(TimeSpan.FromMinutes(35));
        result.SetupTime.ShouldBe(TimeSpan.Zero);
        result.Failures.ShouldBe(2);
        result.MeanTimeToRepair.ShouldBe(TimeSpan.FromMinutes(10));
        result.MeanTimeBetweenFailures.ShouldBe(TimeSpan.FromMinutes(147.5));
        result.Losses.Single(l => l.Reason == "F-17").Duration.ShouldBe(TimeSpan.FromMinutes(20));
    }

    [Fact]
    public void States_outside_planned_time_are_not_counted_and_intervals_are_clipped_at_shift_edges()
    {
        // Offline 00:00–06:00 lies before the early shift; Idle 21:45–24:00 counts only up to the end of the late shift.
        var result = OeeCalculator.Compute(States(), 1380, 20, IdealCycle, Planned(), At(0), At(24));

        result.Losses.ShouldNotContain(l => l.Reason == "Offline");
        result.Losses.Single(l => l.Reason == "Idle").Duration.ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void A_running_interval_over_a_break_counts_only_outside_the_break()
    {
        var states = new[] { Running(9, 0, 11, 0) };

        var result = OeeCalculator.Compute(states, 0, 0, IdealCycle, Planned(), At(9), At(11));

        // 09:00–11:00 minus the break 10:00–10:30 = 90 min, all of it producing.
        result.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(90));
        result.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(90));
        result.Availability.ShouldBe(1.0);
    }

    [Fact]
    public void A_down_interval_across_a_break_is_one_failure_counted_outside_the_break()
    {
        // Down 09:50–10:40 → 10 + 10 = 20 min in PBT, one failure. Running 09:00–09:50 (50) and 10:40–11:00 (20) → APT 70.
        var states = new[] { Running(9, 0, 9, 50), Down(9, 50, 10, 40, "F-17", "Hydraulic pressure low"), Running(10, 40, 11, 0) };

        var result = OeeCalculator.Compute(states, 0, 0, IdealCycle, Planned(), At(9), At(11));

        result.Failures.ShouldBe(1);
        result.MeanTimeToRepair.ShouldBe(TimeSpan.FromMinutes(20));
        result.MeanTimeBetweenFailures.ShouldBe(TimeSpan.FromMinutes(70));
    }

    [Fact]
    public void Zero_planned_busy_time_gives_zero_ratios_and_no_NaN()
    {
        var states = new[] { Running(6, 0, 8, 0) };

        var result = OeeCalculator.Compute(states, 100, 5, IdealCycle, [], At(6), At(8));

        result.HasPlannedBusyTime.ShouldBeFalse();
        result.PlannedBusyTime.ShouldBe(TimeSpan.Zero);
        result.ActualProductionTime.ShouldBe(TimeSpan.Zero);
        result.Availability.ShouldBe(0.0);
        result.Performance.ShouldBe(0.0);
        result.Quality.ShouldBe(0.0);
        result.Oee.ShouldBe(0.0);
        result.Failures.ShouldBe(0);
        result.MeanTimeBetweenFailures.ShouldBeNull();
        result.MeanTimeToRepair.ShouldBeNull();
    }

    [Fact]
    public void Nothing_produced_gives_zero_performance_and_quality()
    {
        var result = OeeCalculator.Compute([Running(6, 0, 8, 0)], 0, 0, IdealCycle, Planned(), At(6), At(8));

        result.Availability.ShouldBe(1.0);
        result.Performance.ShouldBe(0.0);
        result.Quality.ShouldBe(0.0);
        result.Oee.ShouldBe(0.0);
    }

    [Fact]
    public void Performance_above_one_is_reported_as_is()
    {
        // 60 min producing, ideal cycle 60 s, 90 units: P = 90 min / 60 min = 1.5, no speed loss.
        var result = OeeCalculator.Compute([Running(6, 0, 7, 0)], 90, 0, TimeSpan.FromSeconds(60), Planned(), At(6), At(7));

        result.Performance.ShouldBe(1.5);
        result.Oee.ShouldBe(1.5);
        result.Losses.ShouldNotContain(l => l.Kind == OeeLossKind.Speed);
    }

    [Fact]
    public void Overlapping_state_intervals_are_rejected()
    {
        var states = new[] { Running(6, 0, 7, 0), Down(6, 30, 7, 30, "F-17", "Hydraulic pressure low") };

        Should.Throw<ArgumentException>(() => OeeCalculator.Compute(states, 0, 0, IdealCycle, Planned(), At(6), At(8)));
    }

    [Fact]
    public void Negative_counts_and_a_reversed_window_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => OeeCalculator.Compute([], -1, 0, IdealCycle, Planned(), At(6), At(8)));
        Should.Throw<ArgumentException>(() => OeeCalculator.Compute([], 0, 0, IdealCycle, Planned(), At(8), At(6)));
    }
}
