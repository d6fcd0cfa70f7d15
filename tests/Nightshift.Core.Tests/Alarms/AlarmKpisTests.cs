using Nightshift.Core.Alarms;

namespace Nightshift.Core.Tests.Alarms;

/// <summary>
/// A scripted hour (08:00 to 09:00) whose figures were worked out by hand:
/// press-shop gets 11 annunciations in 08:00–08:10 (a flood: alarm a three times in 50 s, b eight times once a minute)
/// and 2 more (a) in 08:10–08:20; paint-shop gets c ten times every 30 s from 08:00 (10 is not a flood) and t once at 08:30.
/// Total 24: c 10, b 8, a 5, t 1. Acknowledgements, comments and an activation while shelved are not annunciations.
/// s has been active since 25 h before 08:00 (standing at 09:00); r was active 29 h but returned; t only 30 minutes.
/// </summary>
public class AlarmKpisTests
{
    private static readonly DateTime T0 = AlarmScenario.T0;
    private static readonly DateTime To = T0.AddHours(1);

    private static AlarmEvent Annunciation(DateTime at, string id, string position, AlarmPriority priority) =>
        new(at, id, AlarmAction.Activate, AlarmState.Normal, AlarmState.UnackActive, AlarmStateMachine.SystemActor) { Position = position, Priority = priority, ConditionActive = true };

    private static AlarmEvent Other(DateTime at, string id, AlarmAction action, AlarmState from, AlarmState to) =>
        new(at, id, action, from, to, "ana") { Position = "press-shop" };

    private static List<AlarmEvent> Script()
    {
        var events = new List<AlarmEvent>();
        foreach (var second in new[] { 0, 20, 50 })
        {
            events.Add(Annunciation(T0.AddSeconds(second), "a", "press-shop", AlarmPriority.High));
        }

        for (var i = 1; i <= 8; i++)
        {
            events.Add(Annunciation(T0.AddMinutes(i), "b", "press-shop", AlarmPriority.Low));
        }

        events.Add(Annunciation(T0.AddMinutes(12), "a", "press-shop", AlarmPriority.High));
        events.Add(Annunciation(T0.AddMinutes(13.5), "a", "press-shop", AlarmPriority.High));
        for (var i = 0; i < 10; i++)
        {
            events.Add(Annunciation(T0.AddSeconds(30 * i), "c", "paint-shop", AlarmPriority.Medium));
        }

        events.Add(Annunciation(T0.AddMinutes(30), "t", "paint-shop", AlarmPriority.Urgent));
        events.Add(Other(T0.AddMinutes(2), "a", AlarmAction.Acknowledge, AlarmState.UnackActive, AlarmState.AckActive));
        events.Add(Other(T0.AddMinutes(3), "d", AlarmAction.Activate, AlarmState.Shelved, AlarmState.Shelved));
        events.Add(Other(T0.AddMinutes(4), "b", AlarmAction.Comment, AlarmState.UnackActive, AlarmState.UnackActive));
        events.Add(Annunciation(T0.AddHours(-25), "s", "press-shop", AlarmPriority.High));
        events.Add(Other(T0.AddHours(-24), "s", AlarmAction.Acknowledge, AlarmState.UnackActive, AlarmState.AckActive));
        events.Add(Annunciation(T0.AddHours(-30), "r", "press-shop", AlarmPriority.Low));
        events.Add(Other(T0.AddHours(-1), "r", AlarmAction.Return, AlarmState.UnackActive, AlarmState.UnackRtn));

        // Out of order on purpose: the figures must not depend on it.
        events.Reverse();
        return events;
    }

    [Fact]
    public void Annunciations_are_counted_per_position_per_10_minutes_and_more_than_10_is_a_flood()
    {
        var report = AlarmKpis.Compute(Script(), T0, To);

        report.Annunciations.ShouldBe(24);
        report.Rates.Select(r => (r.Position, r.Start, r.Count, r.IsFlood)).ShouldBe(
        [
            ("paint-shop", T0, 10, false),
            ("paint-shop", T0.AddMinutes(30), 1, false),
            ("press-shop", T0, 11, true),
            ("press-shop", T0.AddMinutes(10), 2, false),
        ]);
        report.Floods.ShouldHaveSingleItem().Position.ShouldBe("press-shop");
    }

    [Fact]
    public void Each_position_gets_its_average_and_maximum_per_10_minutes_and_its_share_of_time_in_flood()
    {
        var report = AlarmKpis.Compute(Script(), T0, To);

        report.Positions.ShouldBe(
        [
            new PositionRate("paint-shop", 11, 11 / 6.0, 10, 0, 0),
            new PositionRate("press-shop", 13, 13 / 6.0, 11, 1, 1 / 6.0),
        ]);
        Should.Throw<ArgumentException>(() => AlarmKpis.Compute(Script(), To, T0));
    }

    [Fact]
    public void Three_annunciations_of_one_alarm_within_60_seconds_is_chattering()
    {
        var report = AlarmKpis.Compute(Script(), T0, To);

        report.Chattering.ShouldBe([new ChatteringAlarm("a", T0, 3), new ChatteringAlarm("c", T0, 3)]);
    }

    [Fact]
    public void An_alarm_active_without_a_break_for_more_than_24_hours_is_standing()
    {
        var report = AlarmKpis.Compute(Script(), T0, To);

        report.Standing.ShouldBe([new StandingAlarm("s", T0.AddHours(-25), TimeSpan.FromHours(26), AlarmPriority.High)]);
        AlarmKpis.Standing(Script(), T0.AddHours(-1)).ShouldBeEmpty();
    }

    [Fact]
    public void Bad_actors_are_the_most_frequent_alarms_with_their_share()
    {
        var report = AlarmKpis.Compute(Script(), T0, To);

        report.BadActors.ShouldBe([new BadActor("c", 10, 10 / 24.0), new BadActor("b", 8, 8 / 24.0), new BadActor("a", 5, 5 / 24.0), new BadActor("t", 1, 1 / 24.0)]);
        AlarmKpis.BadActors(Script(), count: 2).Select(b => b.AlarmId).ShouldBe(["c", "b"]);
    }

    [Fact]
    public void The_priority_distribution_lists_every_priority_with_its_share()
    {
        var report = AlarmKpis.Compute(Script(), T0, To);

        report.Priorities.ShouldBe(
        [
            new PriorityShare(AlarmPriority.Urgent, 1, 1 / 24.0),
            new PriorityShare(AlarmPriority.High, 5, 5 / 24.0),
            new PriorityShare(AlarmPriority.Medium, 10, 10 / 24.0),
            new PriorityShare(AlarmPriority.Low, 8, 8 / 24.0),
        ]);
        AlarmKpis.PriorityDistribution([]).ShouldAllBe(p => p.Annunciations == 0 && p.Share == 0);
    }

    [Fact]
    public void Events_from_state_machines_feed_the_kpis_and_hidden_activations_do_not_count()
    {
        var s = new AlarmScenario();
        var events = new List<AlarmEvent>();
        for (var i = 0; i < 3; i++)
        {
            events.AddRange(s.Machine.Activate().Events);
            s.Time.Advance(TimeSpan.FromSeconds(10));
            events.AddRange(s.Machine.Return().Events);
            s.Time.Advance(TimeSpan.FromSeconds(10));
        }

        events.AddRange(s.Machine.Shelve("ana", "chattering", s.Now.AddHours(1)).Events);
        events.AddRange(s.Machine.Activate().Events);

        var report = AlarmKpis.Compute(events, T0, To);

        report.Annunciations.ShouldBe(3);
        report.Chattering.ShouldBe([new ChatteringAlarm("temperature.hi", T0, 3)]);
        report.Rates.ShouldBe([new AlarmRateBucket("press-shop", T0, 3)]);
    }

    [Fact]
    public void Intervals_are_aligned_to_the_hour()
    {
        AlarmKpis.IntervalStart(T0.AddMinutes(19).AddSeconds(59)).ShouldBe(T0.AddMinutes(10));
        AlarmKpis.IntervalStart(T0.AddMinutes(20)).ShouldBe(T0.AddMinutes(20));
    }
}
