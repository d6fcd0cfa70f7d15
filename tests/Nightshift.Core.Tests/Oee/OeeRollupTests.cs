using Nightshift.Core.Assets;
using Nightshift.Core.Oee;
using static Nightshift.Core.Tests.Oee.OeeScriptedDay;

namespace Nightshift.Core.Tests.Oee;

public class OeeRollupTests
{
    private static readonly TimeSpan IdealCycle = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_roll_up_sums_times_and_counts_instead_of_averaging_the_ratios()
    {
        var planned = Calendar().PlannedIntervals(Day, Day);

        // The scripted machine: PBT 900, APT 750, ideal 700 min, 1380 good of 1400.
        var scripted = OeeCalculator.Compute(States(), 1380, 20, IdealCycle, planned, At(0), At(24));

        // A second machine that runs only the early shift (450 min of PBT in the late shift are unrecorded) at a 60 s ideal cycle.
        var second = OeeCalculator.Compute([Running(6, 0, 14, 0)], 400, 50, TimeSpan.FromSeconds(60), planned, At(0), At(24));
        second.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(450));
        second.IdealProductionTime.ShouldBe(TimeSpan.FromMinutes(450));

        var line = OeeRollup.Combine([scripted, second], At(0), At(24));

        line.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(1800));
        line.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(1200));
        line.IdealProductionTime.ShouldBe(TimeSpan.FromMinutes(1150));
        line.GoodQuantity.ShouldBe(1780);
        line.ScrapQuantity.ShouldBe(70);
        line.Availability.ShouldBe(1200.0 / 1800.0);
        line.Performance.ShouldBe(1150.0 / 1200.0);
        line.Quality.ShouldBe(1780.0 / 1850.0);
        line.Oee.ShouldBe(1200.0 / 1800.0 * (1150.0 / 1200.0) * (1780.0 / 1850.0));

        // Not the average of the two machines' OEE.
        Math.Abs(line.Oee - ((scripted.Oee + second.Oee) / 2)).ShouldBeGreaterThan(1e-3);

        // Failures only on the scripted machine: MTBF = 1200 / 3 min, MTTR = 65 / 3 min.
        line.Failures.ShouldBe(3);
        line.MeanTimeBetweenFailures.ShouldBe(TimeSpan.FromMinutes(400));
        line.MeanTimeToRepair.ShouldBe(TimeSpan.FromSeconds(65 * 60 / 3));

        // Losses of one reason are summed: the unrecorded 15 min of the first and the late shift's 450 min (two stretches
        // around its break) of the second.
        line.Losses[0].ShouldBe(new OeeLoss(OeeLossKind.Downtime, OeeCalculator.Unrecorded, null, TimeSpan.FromMinutes(465), 3));
        line.Losses.Single(l => l.Reason == "F-17").Duration.ShouldBe(TimeSpan.FromMinutes(60));
        line.Losses.Single(l => l.Kind == OeeLossKind.Quality).Duration.ShouldBe(TimeSpan.FromMinutes(10 + 50));
        line.Losses.ShouldBe(line.Losses.OrderByDescending(l => l.Duration).ToList(), ignoreOrder: false);
    }

    [Fact]
    public void A_roll_up_of_one_result_equals_it()
    {
        var result = OeeCalculator.Compute(States(), 1380, 20, IdealCycle, Calendar().PlannedIntervals(Day, Day), At(0), At(24));

        var rolled = OeeRollup.Combine([result], At(0), At(24));

        rolled.ShouldBe(result with { Losses = rolled.Losses });
        rolled.Losses.ShouldBe(result.Losses);
    }

    [Fact]
    public void A_roll_up_of_nothing_has_no_planned_time_and_zero_ratios()
    {
        var rolled = OeeRollup.Combine([], At(0), At(24));

        rolled.HasPlannedBusyTime.ShouldBeFalse();
        rolled.Oee.ShouldBe(0);
        rolled.Losses.ShouldBeEmpty();
        rolled.MeanTimeBetweenFailures.ShouldBeNull();
    }

    [Fact]
    public void An_equipment_without_planned_time_weighs_nothing_in_a_roll_up()
    {
        var planned = Calendar().PlannedIntervals(Day, Day);
        var working = OeeCalculator.Compute(States(), 1380, 20, IdealCycle, planned, At(0), At(24));
        var idle = OeeCalculator.Compute([new StateInterval("Idle", StateCategory.Idle, At(0), At(24))], 0, 0, IdealCycle, [], At(0), At(24));

        var rolled = OeeRollup.Combine([working, idle], At(0), At(24));

        rolled.Oee.ShouldBe(working.Oee, 1e-12);
    }
}
