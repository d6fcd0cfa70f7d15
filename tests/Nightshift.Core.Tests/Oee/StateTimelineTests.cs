using Nightshift.Core.Assets;
using Nightshift.Core.Oee;
using static Nightshift.Core.Tests.Oee.OeeScriptedDay;

namespace Nightshift.Core.Tests.Oee;

public class StateTimelineTests
{
    [Fact]
    public void Readings_become_intervals_and_repeated_readings_extend_them()
    {
        List<StateReading> readings = [new(At(6), "Running"), new(At(7), "Running"), new(At(8), "Down"), new(At(8, 30), "Running")];

        var intervals = StateTimeline.Build(StateModel.Machine, readings, [], At(9));

        intervals.Select(i => (i.State, i.Start, i.End)).ShouldBe([("Running", At(6), At(8)), ("Down", At(8), At(8, 30)), ("Running", At(8, 30), At(9))]);
        intervals[1].Category.ShouldBe(StateCategory.Down);
        intervals[1].ReasonCode.ShouldBeNull();
    }

    [Fact]
    public void A_reading_without_a_value_or_an_unknown_state_counts_as_offline()
    {
        List<StateReading> readings = [new(At(6), "Running"), new(At(7), null), new(At(8), "Dancing"), new(At(9), "running")];

        var intervals = StateTimeline.Build(StateModel.Machine, readings, [], At(10));

        intervals.Select(i => (i.State, i.Category, i.Start, i.End)).ShouldBe([
            ("Running", StateCategory.Productive, At(6), At(7)),
            (StateTimeline.Offline, StateCategory.Offline, At(7), At(9)),
            ("Running", StateCategory.Productive, At(9), At(10)),
        ]);
    }

    [Fact]
    public void A_down_interval_takes_the_fault_code_read_while_it_lasted_or_just_before_it_began()
    {
        List<StateReading> readings = [new(At(6), "Running"), new(At(8), "Down"), new(At(9), "Running"), new(At(10), "Down"), new(At(11), "Running"), new(At(12), "Down"), new(At(13), "Running")];
        List<CodeReading> codes = [new(At(5), "0"), new(At(8, 0), "F-17"), new(At(10).AddSeconds(-2), "F-02"), new(At(12, 30), "")];

        var downs = StateTimeline.Build(StateModel.Machine, readings, codes, At(14)).Where(i => i.Category == StateCategory.Down).ToList();

        // F-02 is still the device's code when the third stop begins, but it was read two hours before: not this stop's.
        downs.Select(d => d.ReasonCode).ShouldBe(["F-17", "F-02", null]);
    }

    [Fact]
    public void The_scripted_day_read_as_state_readings_gives_the_hand_computed_oee()
    {
        // The scripted day as a machine reports it: a reading at each change, fault codes alongside.
        var states = States();
        var readings = states.Select(s => new StateReading(s.Start, s.State)).ToList();
        var codes = states.Select(s => new CodeReading(s.Start, s.ReasonCode ?? "0")).ToList();

        // 21:30-21:45 is unrecorded in the script: the machine reported nothing, so the timeline runs Running on. Cut
        // the running interval there by a Bad reading, as a lost connection writes one.
        readings.Insert(readings.FindIndex(r => r.Timestamp == At(21, 45)), new StateReading(At(21, 30), null));

        var intervals = StateTimeline.Build(StateModel.Machine, readings, codes, At(24));
        var result = OeeCalculator.Compute(intervals, 1380, 20, TimeSpan.FromSeconds(30), Calendar().PlannedIntervals(Day, Day), At(0), At(24));

        result.PlannedBusyTime.ShouldBe(TimeSpan.FromMinutes(900));
        result.ActualProductionTime.ShouldBe(TimeSpan.FromMinutes(750));
        result.Oee.ShouldBe(690.0 / 900.0, 1e-12);
        result.Failures.ShouldBe(3);
        result.Losses.Single(l => l.Reason == "F-17").Duration.ShouldBe(TimeSpan.FromMinutes(60));
        result.Losses.Single(l => l.Reason == StateTimeline.Offline).Duration.ShouldBe(TimeSpan.FromMinutes(15));
    }
}
