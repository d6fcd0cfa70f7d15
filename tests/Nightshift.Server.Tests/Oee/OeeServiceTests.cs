using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Assets;
using Nightshift.Core.Oee;
using Nightshift.Core.Samples;
using Nightshift.Server.Identity;
using Nightshift.Server.Oee;
using static Nightshift.Server.Tests.Oee.OeePlantFixture;

namespace Nightshift.Server.Tests.Oee;

/// <summary>
/// The scripted Monday of the core's OEE tests (tests/Nightshift.Core.Tests/Oee/OeeScriptedDay.cs), written to the
/// historian as a machine reports it: its state at each change (a Bad reading for the 15 unrecorded minutes), fault
/// codes, its product, and good and scrap counters with a reset. Read back through the platform's OEE path it must give
/// the figures computed by hand there.
/// </summary>
public sealed class OeeServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan IdealCycle = TimeSpan.FromSeconds(30);

    private OeePlantFixture _plant = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime At(int hour, int minute = 0) => new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc).AddHours(hour).AddMinutes(minute);

    public async ValueTask InitializeAsync()
    {
        _plant = await CreateAsync();
        await WriteScriptedDayAsync(Press1);
    }

    public async ValueTask DisposeAsync() => await _plant.DisposeAsync();

    [Fact]
    public async Task The_scripted_day_through_the_history_equals_the_hand_computed_oee()
    {
        var report = await _plant.Oee.ComputeAsync(Tenant, Press1, At(0), At(24), OeeGrouping.None, Ct);
        var day = report.Total;

        report.Equipment.ShouldBe(1);
        day.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(900));
        day.PlannedDowntime.ShouldBe(TimeSpan.FromMinutes(60));
        day.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(750));
        day.SetupTime.ShouldBe(TimeSpan.FromMinutes(30));
        day.UnplannedDowntime.ShouldBe(TimeSpan.FromMinutes(120));
        day.GoodQuantity.ShouldBe(1380);
        day.ScrapQuantity.ShouldBe(20);
        day.Availability.ShouldBe(750.0 / 900.0, 1e-12);
        day.Performance.ShouldBe(700.0 / 750.0, 1e-9);
        day.Quality.ShouldBe(1380.0 / 1400.0, 1e-12);
        day.Oee.ShouldBe(690.0 / 900.0, 1e-9);
        day.Failures.ShouldBe(3);
        day.MeanTimeBetweenFailures.ShouldBe(TimeSpan.FromMinutes(250));
        day.MeanTimeToRepair.ShouldBe(TimeSpan.FromSeconds(65 * 60 / 3));
        day.Losses.Select(l => (l.Kind, l.Reason, l.Duration.TotalMinutes)).ShouldBe(
        [
            (OeeLossKind.Downtime, "F-17", 60.0),
            (OeeLossKind.Speed, OeeCalculator.SpeedLossReason, 50.0),
            (OeeLossKind.Setup, "Changeover", 30.0),
            (OeeLossKind.Downtime, "Idle", 15.0),
            (OeeLossKind.Downtime, "Offline", 15.0),
            (OeeLossKind.Downtime, "Starved", 15.0),
            (OeeLossKind.Downtime, "Blocked", 10.0),
            (OeeLossKind.Quality, OeeCalculator.QualityLossReason, 10.0),
            (OeeLossKind.Downtime, "F-02", 5.0),
        ]);
    }

    [Fact]
    public async Task By_shift_each_shift_has_its_own_figures_and_they_add_up_to_the_day()
    {
        var report = await _plant.Oee.ComputeAsync(Tenant, AssetPath.Root, At(0), At(24), OeeGrouping.Shift, Ct);

        report.Groups.Select(g => (g.Key, g.From, g.To)).ShouldBe([("2026-03-02/early", At(6), At(14)), ("2026-03-02/late", At(14), At(22))]);
        var early = report.Groups[0].Result;
        var late = report.Groups[1].Result;

        // Early: PBT 450, APT 150 + 130 + 105 = 385; 700 + 5 good (a counter reset at 12:01), 0 scrap.
        early.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(450));
        early.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(385));
        early.GoodQuantity.ShouldBe(705);
        early.ScrapQuantity.ShouldBe(0);
        early.Performance.ShouldBe(705 * 0.5 / 385, 1e-9);

        // Late: APT 60 + 80 + 140 + 85 = 365; 675 good, 20 scrap.
        late.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(365));
        late.GoodQuantity.ShouldBe(675);
        late.ScrapQuantity.ShouldBe(20);
        late.Quality.ShouldBe(675.0 / 695.0, 1e-12);

        OeeRollup.Combine([early, late], At(0), At(24)).Oee.ShouldBe(report.Total.Oee, 1e-12);
    }

    [Fact]
    public async Task A_line_rolls_up_its_equipment_by_summing_times_and_counts()
    {
        // press-2 runs the whole early shift making ROOF, whose ideal cycle time on press-2 is 20 s (60 s elsewhere).
        await _plant.WriteAsync(Press2, "state", (At(6), SampleValue.FromString("Running")), (At(14), SampleValue.FromString("Idle")));
        await _plant.WriteAsync(Press2, "productId", (At(5), SampleValue.FromString("ROOF")));
        await _plant.WriteAsync(Press2, "goodCount", (At(6), SampleValue.FromLong(0)), (At(13), SampleValue.FromLong(1200)));

        var report = await _plant.Oee.ComputeAsync(Tenant, Line, At(0), At(24), OeeGrouping.Equipment, Ct);

        report.Equipment.ShouldBe(2); // the meter counts nothing: not production equipment
        var press2 = report.Groups.Single(g => g.Key == Press2.Value).Result;
        press2.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(450));
        press2.IdealProductionTime.ShouldBe(TimeSpan.FromMinutes(400));
        report.Total.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(1800));
        report.Total.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(1200));
        report.Total.Availability.ShouldBe(1200.0 / 1800.0, 1e-12);
        report.Total.Performance.ShouldBe((700.0 + 400.0) / 1200.0, 1e-9);
        report.Total.Quality.ShouldBe(2580.0 / 2600.0, 1e-12);
    }

    [Fact]
    public async Task A_reclassified_downtime_changes_the_pareto_and_a_planned_one_leaves_planned_busy_time()
    {
        var downtime = await _plant.Oee.DowntimeAsync(Tenant, Press1, At(0), At(24), 100, Ct);
        var second = downtime.Single(d => d.Start == At(15));
        second.Reason.ShouldBe("F-17");
        second.Lost.ShouldBe(TimeSpan.FromMinutes(40));
        var operatorUser = User("olga", Roles.Operator);

        var done = await _plant.Downtime.ReclassifyAsync(operatorUser, second.Id, "M-HYD", "Hydraulic hose replaced", planned: false, Ct);

        done.Outcome.ShouldBe(ProductionCommandOutcome.Done);
        var losses = (await _plant.Oee.ComputeAsync(Tenant, Press1, At(0), At(24), OeeGrouping.None, Ct)).Total.Losses;
        losses.Single(l => l.Reason == "F-17").Duration.ShouldBe(TimeSpan.FromMinutes(20));
        var replaced = losses.Single(l => l.Reason == "M-HYD");
        replaced.Duration.ShouldBe(TimeSpan.FromMinutes(40));
        replaced.ReasonText.ShouldBe("Hydraulic hose replaced");
        (await _plant.Oee.DowntimeAsync(Tenant, Press1, At(0), At(24), 100, Ct)).Single(d => d.Start == At(15)).ReclassifiedBy.ShouldBe("olga");

        // Planned maintenance after all: the 40 minutes leave planned busy time and the losses.
        (await _plant.Downtime.ReclassifyAsync(operatorUser, second.Id, "PM", null, planned: true, Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);
        var total = (await _plant.Oee.ComputeAsync(Tenant, Press1, At(0), At(24), OeeGrouping.None, Ct)).Total;
        total.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(860));
        total.PlannedDowntime.ShouldBe(TimeSpan.FromMinutes(100));
        total.Losses.ShouldNotContain(l => l.Reason == "PM" || l.Reason == "M-HYD");
        total.Availability.ShouldBe(750.0 / 860.0, 1e-12);

        await using var db = await _plant.Contexts.CreateDbContextAsync(Ct);
        (await db.Audit.Where(a => a.Action == "downtime.reason").CountAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task Reclassification_needs_the_operator_role_a_known_interval_and_a_reason()
    {
        var id = DowntimeIds.Format(Press1, At(9));

        (await _plant.Downtime.ReclassifyAsync(User("vera", Roles.Viewer), id, "X", null, false, Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Forbidden);
        (await _plant.Downtime.ReclassifyAsync(User("olga", Roles.Operator), id, " ", null, false, Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Invalid);
        (await _plant.Downtime.ReclassifyAsync(User("olga", Roles.Operator), DowntimeIds.Format(Press1, At(9, 1)), "X", null, false, Ct)).Outcome.ShouldBe(ProductionCommandOutcome.NotFound);
        (await _plant.Downtime.ReclassifyAsync(User("olga", Roles.Operator), DowntimeIds.Format(Press1, At(6, 30)), "X", null, false, Ct)).Outcome.ShouldBe(ProductionCommandOutcome.NotFound); // Running
        (await _plant.Downtime.ReclassifyAsync(User("olga", Roles.Operator), "not-an-id", "X", null, false, Ct)).Outcome.ShouldBe(ProductionCommandOutcome.NotFound);
        (await _plant.Downtime.ReclassifyAsync(User("olga", Roles.Operator), id, "X", null, false, Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);
    }

    [Fact]
    public async Task Time_before_an_equipment_first_reported_its_state_is_not_counted()
    {
        // press-2 is connected at 12:00 in the early shift (06:00-14:00, break 10:00-10:30).
        await _plant.WriteAsync(Press2, "state", (At(12), SampleValue.FromString("Running")), (At(14), SampleValue.FromString("Idle")));

        var report = await _plant.Oee.ComputeAsync(Tenant, Press2, At(0), At(24), OeeGrouping.Shift, Ct);

        report.Groups[0].Result.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(120));
        report.Groups[0].Result.Availability.ShouldBe(1.0);
        report.Total.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(120 + 450));
        report.Total.Losses.ShouldNotContain(l => l.Reason == OeeCalculator.Unrecorded);
    }

    [Fact]
    public async Task An_accelerated_plant_divides_the_ideal_cycle_times_by_its_speed()
    {
        var accelerated = new OeeService(_plant.Catalog, _plant.History, _plant.Contexts, _plant.Time, new OeeOptions { PlantSpeed = 2 });

        var day = (await accelerated.ComputeAsync(Tenant, Press1, At(0), At(24), OeeGrouping.None, Ct)).Total;

        day.IdealProductionTime.ShouldBe(TimeSpan.FromMinutes(350));
        day.Performance.ShouldBe(350.0 / 750.0, 1e-9);
        Should.Throw<ArgumentOutOfRangeException>(() => new OeeService(_plant.Catalog, _plant.History, _plant.Contexts, _plant.Time, new OeeOptions { PlantSpeed = 0 }));
    }

    [Fact]
    public void Downtime_ids_round_trip()
    {
        var id = DowntimeIds.Format(Press1, At(9));

        id.ShouldBe("plant.shop.line.press-1~" + At(9).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        DowntimeIds.TryParse(id, out var equipment, out var start).ShouldBeTrue();
        equipment.ShouldBe(Press1);
        start.ShouldBe(At(9));
        DowntimeIds.TryParse("press~x", out _, out _).ShouldBeFalse();
    }

    /// <summary>The scripted day (see the core's OeeScriptedDay) as readings of the machine's tags.</summary>
    private async Task WriteScriptedDayAsync(AssetPath press)
    {
        static (DateTime, SampleValue) S(DateTime at, string state) => (at, SampleValue.FromString(state));
        await _plant.WriteAsync(press, "state",
            S(At(0), "Offline"), S(At(6), "Changeover"), S(At(6, 30), "Running"), S(At(9), "Down"), S(At(9, 20), "Running"),
            S(At(12), "Starved"), S(At(12, 15), "Running"), S(At(15), "Down"), S(At(15, 40), "Running"), S(At(17), "Blocked"),
            S(At(17, 10), "Running"), S(At(20), "Down"), S(At(20, 5), "Running"), S(At(21, 45), "Idle"));
        await _plant.WriteBadAsync(press, "state", At(21, 30));
        await _plant.WriteAsync(press, "faultCode",
            S(At(0), "0"), S(At(9), "F-17"), S(At(9, 20), "0"), S(At(15), "F-17"), S(At(15, 40), "0"), S(At(20), "F-02"), S(At(20, 5), "0"));
        await _plant.WriteAsync(press, "productId", S(At(5), "HOOD"));

        // 1380 good: 700 by 12:00, a reset at 12:01 (5 counted since), 675 more by 21:00. 20 scrap in the late shift.
        await _plant.WriteAsync(press, "goodCount",
            (At(6), SampleValue.FromLong(1000)), (At(12), SampleValue.FromLong(1700)), (At(12, 1), SampleValue.FromLong(5)), (At(21), SampleValue.FromLong(680)));
        await _plant.WriteAsync(press, "scrapCount", (At(6), SampleValue.FromLong(50)), (At(20), SampleValue.FromLong(70)));
    }
}
