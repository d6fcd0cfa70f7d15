using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Alarms;
using Nightshift.Core.Samples;

namespace Nightshift.Core.Tests.Alarms;

public class LimitEvaluatorTests
{
    private static readonly DateTime T0 = AlarmScenario.T0;

    private readonly List<AlarmConditionChange> _changes = [];

    private static AlarmDefinition High(double limit = 80, double deadband = 5) =>
        new("t.hi", "t", AlarmKind.High) { Limit = limit, Deadband = deadband };

    private static LimitEvaluator Evaluator(params AlarmDefinition[] definitions) => new("t", definitions, T0);

    private List<AlarmConditionChange> Feed(LimitEvaluator evaluator, TimeSpan at, double value, Quality? quality = null)
    {
        _changes.Clear();
        evaluator.Feed(T0 + at, SampleValue.FromDouble(value), quality ?? Quality.Good, _changes);
        return [.. _changes];
    }

    private List<AlarmConditionChange> Tick(LimitEvaluator evaluator, TimeSpan at)
    {
        _changes.Clear();
        evaluator.Evaluate(T0 + at, _changes);
        return [.. _changes];
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_high_alarm_activates_at_its_limit_and_returns_only_below_limit_minus_deadband()
    {
        var e = Evaluator(High(limit: 80, deadband: 5));

        Feed(e, S(0), 79.9).ShouldBeEmpty();
        Feed(e, S(1), 80).ShouldHaveSingleItem().ShouldBe(new AlarmConditionChange(e.Definitions[0], true, T0 + S(1)));
        Feed(e, S(2), 76).ShouldBeEmpty();
        Feed(e, S(3), 75).ShouldBeEmpty();
        Feed(e, S(4), 74.99).ShouldHaveSingleItem().Active.ShouldBeFalse();
        Feed(e, S(5), 79).ShouldBeEmpty();
        e.IsActive("t.hi").ShouldBeFalse();
    }

    [Fact]
    public void A_low_alarm_activates_at_its_limit_and_returns_only_above_limit_plus_deadband()
    {
        var e = Evaluator(new AlarmDefinition("t.lolo", "t", AlarmKind.LowLow) { Limit = 10, Deadband = 2 });

        Feed(e, S(0), 10.01).ShouldBeEmpty();
        Feed(e, S(1), 10).ShouldHaveSingleItem().Active.ShouldBeTrue();
        Feed(e, S(2), 12).ShouldBeEmpty();
        Feed(e, S(3), 12.01).ShouldHaveSingleItem().Active.ShouldBeFalse();
    }

    [Fact]
    public void An_on_delay_activates_exactly_when_the_condition_has_held_for_the_delay()
    {
        var e = Evaluator(High() with { OnDelay = S(10) });

        Feed(e, S(0), 85).ShouldBeEmpty();
        Tick(e, S(10) - TimeSpan.FromTicks(1)).ShouldBeEmpty();
        var change = Tick(e, S(10)).ShouldHaveSingleItem();

        change.Active.ShouldBeTrue();
        change.At.ShouldBe(T0 + S(10));
        Tick(e, S(11)).ShouldBeEmpty();
    }

    [Fact]
    public void An_on_delay_restarts_when_the_condition_breaks()
    {
        var e = Evaluator(High() with { OnDelay = S(10) });

        Feed(e, S(0), 85);
        Feed(e, S(5), 70).ShouldBeEmpty();
        Feed(e, S(6), 85).ShouldBeEmpty();
        Tick(e, S(15)).ShouldBeEmpty();
        Tick(e, S(16)).ShouldHaveSingleItem().At.ShouldBe(T0 + S(16));
    }

    [Fact]
    public void An_on_delay_that_ran_out_between_samples_is_reported_at_its_exact_instant_by_the_next_sample()
    {
        var e = Evaluator(High() with { OnDelay = S(10) });

        Feed(e, S(0), 85);
        var changes = Feed(e, S(30), 70);

        changes.Select(c => (c.Active, c.At)).ShouldBe([(true, T0 + S(10)), (false, T0 + S(30))]);
        e.IsActive("t.hi").ShouldBeFalse();
    }

    [Fact]
    public void An_off_delay_returns_exactly_when_the_condition_has_stayed_clear_for_the_delay()
    {
        var e = Evaluator(High() with { OffDelay = S(20) });
        Feed(e, S(0), 90).ShouldHaveSingleItem().Active.ShouldBeTrue();

        Feed(e, S(10), 70).ShouldBeEmpty();
        Tick(e, S(29)).ShouldBeEmpty();
        Feed(e, S(29.5), 85).ShouldBeEmpty();
        Feed(e, S(35), 70).ShouldBeEmpty();
        Tick(e, S(55) - TimeSpan.FromTicks(1)).ShouldBeEmpty();
        var change = Tick(e, S(55)).ShouldHaveSingleItem();

        change.Active.ShouldBeFalse();
        change.At.ShouldBe(T0 + S(55));
    }

    [Fact]
    public void With_a_fake_clock_the_alarm_event_of_an_on_delayed_activation_is_stamped_at_the_end_of_the_delay()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(T0));
        var definition = High() with { OnDelay = S(10) };
        var e = new LimitEvaluator("t", [definition], T0);
        var machine = new AlarmStateMachine(definition, time);
        var events = new List<AlarmEvent>();
        e.Feed(time.GetUtcNow().UtcDateTime, SampleValue.FromDouble(95), Quality.Good, _changes).ShouldBe(0);

        while (events.Count == 0)
        {
            time.Advance(S(1));
            _changes.Clear();
            e.Evaluate(time.GetUtcNow().UtcDateTime, _changes);
            foreach (var change in _changes)
            {
                events.AddRange((change.Active ? machine.Activate() : machine.Return()).Events);
            }
        }

        var activated = events.ShouldHaveSingleItem();
        activated.Timestamp.ShouldBe(T0 + S(10));
        activated.To.ShouldBe(AlarmState.UnackActive);
    }

    [Fact]
    public void A_rate_of_change_alarm_compares_the_rate_per_minute_over_its_window_with_deadband()
    {
        var e = Evaluator(new AlarmDefinition("t.roc", "t", AlarmKind.RateOfChange) { Limit = 10, Deadband = 2, RateWindow = TimeSpan.FromMinutes(1) });

        Feed(e, S(0), 0).ShouldBeEmpty();
        Feed(e, S(30), 3).ShouldBeEmpty();                                  // 6 per minute
        Feed(e, S(60), 10).ShouldHaveSingleItem().Active.ShouldBeTrue();    // (10 - 0) / 1 min
        Feed(e, S(90), 14).ShouldBeEmpty();                                 // (14 - 3) / 1 min = 11
        Feed(e, S(120), 18).ShouldBeEmpty();                                // (18 - 10) / 1 min = 8, not below 10 - 2
        Feed(e, S(150), 19.9).ShouldHaveSingleItem().Active.ShouldBeFalse(); // (19.9 - 14) / 1 min = 5.9
    }

    [Fact]
    public void A_rate_of_change_alarm_sees_falling_values_too()
    {
        var e = Evaluator(new AlarmDefinition("t.roc", "t", AlarmKind.RateOfChange) { Limit = 10, RateWindow = TimeSpan.FromMinutes(2) });

        Feed(e, S(0), 100).ShouldBeEmpty();
        Feed(e, S(60), 95).ShouldBeEmpty();                                 // -5 per minute
        Feed(e, S(120), 79).ShouldHaveSingleItem().Active.ShouldBeTrue();   // -21 over 2 minutes
    }

    [Fact]
    public void A_deviation_alarm_compares_the_value_with_the_latest_setpoint_with_deadband()
    {
        var e = Evaluator(new AlarmDefinition("t.dev", "t", AlarmKind.Deviation) { Limit = 5, Deadband = 1, SetpointTag = "sp" });

        Feed(e, S(0), 50).ShouldBeEmpty();
        e.FeedSetpoint("sp", T0 + S(1), SampleValue.FromDouble(52), Quality.Good, _changes).ShouldBe(0);
        e.FeedSetpoint("other", T0 + S(2), SampleValue.FromDouble(90), Quality.Good, _changes).ShouldBe(0);
        e.FeedSetpoint("sp", T0 + S(3), SampleValue.FromDouble(30), Quality.Bad, _changes).ShouldBe(0);
        e.FeedSetpoint("sp", T0 + S(4), SampleValue.FromDouble(56), Quality.Good, _changes).ShouldBe(1);
        _changes.ShouldHaveSingleItem().ShouldSatisfyAllConditions(c => c.Active.ShouldBeTrue(), c => c.At.ShouldBe(T0 + S(4)));
        Feed(e, S(5), 52).ShouldBeEmpty();                                   // 4, not below 5 - 1
        Feed(e, S(6), 52.5).ShouldHaveSingleItem().Active.ShouldBeFalse();   // 3.5
        Feed(e, S(7), 61).ShouldHaveSingleItem().Active.ShouldBeTrue();      // 5 the other way
    }

    [Fact]
    public void A_digital_alarm_is_active_while_the_value_is_one_of_its_alarm_values()
    {
        var e = Evaluator(new AlarmDefinition("t.state", "t", AlarmKind.Digital) { AlarmValues = ["Down", "Fault"] });
        void Put(int second, string state) => e.Feed(T0 + S(second), SampleValue.FromString(state), Quality.Good, _changes);

        Put(0, "Running");
        _changes.ShouldBeEmpty();
        Put(1, "Down");
        Put(2, "Fault");
        Put(3, "Idle");
        Put(4, "down");

        _changes.Select(c => (c.Active, c.At)).ShouldBe([(true, T0 + S(1)), (false, T0 + S(3))]);
    }

    [Fact]
    public void A_digital_alarm_on_a_bool_compares_its_text()
    {
        var e = Evaluator(new AlarmDefinition("t.trip", "t", AlarmKind.Digital) { AlarmValues = ["true"] });

        e.Feed(T0, SampleValue.FromBool(false), Quality.Good, _changes).ShouldBe(0);
        e.Feed(T0 + S(1), SampleValue.FromBool(true), Quality.Good, _changes).ShouldBe(1);
        _changes[0].Active.ShouldBeTrue();
    }

    [Fact]
    public void A_digital_alarm_on_a_number_matches_numerically()
    {
        var e = Evaluator(new AlarmDefinition("t.code", "t", AlarmKind.Digital) { AlarmValues = ["3", "7.5"] });

        e.Feed(T0, SampleValue.FromLong(2), Quality.Good, _changes).ShouldBe(0);
        e.Feed(T0 + S(1), SampleValue.FromDouble(3.0), Quality.Good, _changes).ShouldBe(1);
        e.Feed(T0 + S(2), SampleValue.FromLong(3), Quality.Good, _changes).ShouldBe(0);
        e.Feed(T0 + S(3), SampleValue.FromLong(4), Quality.Good, _changes).ShouldBe(1);
        e.Feed(T0 + S(4), SampleValue.FromDouble(7.5), Quality.Good, _changes).ShouldBe(1);
        _changes.Select(c => c.Active).ShouldBe([true, false, true]);
    }

    [Fact]
    public void A_setpoint_stamped_before_the_latest_value_is_still_taken_and_judged_at_the_latest_instant()
    {
        var e = Evaluator(new AlarmDefinition("t.dev", "t", AlarmKind.Deviation) { Limit = 5, SetpointTag = "sp" });
        Feed(e, S(10), 50);

        e.FeedSetpoint("sp", T0 + S(9), SampleValue.FromDouble(40), Quality.Good, _changes).ShouldBe(1);

        _changes.ShouldHaveSingleItem().At.ShouldBe(T0 + S(10));
    }

    [Fact]
    public void Stale_data_activates_when_no_usable_sample_came_for_the_time_and_returns_on_the_next_one()
    {
        var e = Evaluator(new AlarmDefinition("t.stale", "t", AlarmKind.Stale) { StaleAfter = TimeSpan.FromMinutes(5) });

        Tick(e, TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1)).ShouldBeEmpty();
        Tick(e, TimeSpan.FromMinutes(7)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            c => c.Active.ShouldBeTrue(),
            c => c.At.ShouldBe(T0 + TimeSpan.FromMinutes(5)));

        Feed(e, TimeSpan.FromMinutes(8), 1).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            c => c.Active.ShouldBeFalse(),
            c => c.At.ShouldBe(T0 + TimeSpan.FromMinutes(8)));
        Feed(e, TimeSpan.FromMinutes(10), 1, Quality.BadNoCommunication).ShouldBeEmpty();
        Tick(e, TimeSpan.FromMinutes(13) - TimeSpan.FromTicks(1)).ShouldBeEmpty();
        Tick(e, TimeSpan.FromMinutes(13)).ShouldHaveSingleItem().At.ShouldBe(T0 + TimeSpan.FromMinutes(13));
    }

    [Fact]
    public void Communication_loss_follows_bad_quality_and_a_limit_alarm_keeps_its_condition_through_it()
    {
        var e = Evaluator(High(), new AlarmDefinition("t.comm", "t", AlarmKind.CommunicationLoss) { Priority = AlarmPriority.Urgent });

        Feed(e, S(0), 90).ShouldHaveSingleItem().Definition.Id.ShouldBe("t.hi");
        _changes.Clear();
        e.Feed(T0 + S(1), SampleValue.None, Quality.BadNotConnected, _changes);
        _changes.ShouldHaveSingleItem().ShouldSatisfyAllConditions(c => c.Definition.Id.ShouldBe("t.comm"), c => c.Active.ShouldBeTrue());
        e.IsActive("t.hi").ShouldBeTrue();

        Feed(e, S(2), 10, Quality.Uncertain).Select(c => (c.Definition.Id, c.Active)).ShouldBe([("t.hi", false), ("t.comm", false)]);
    }

    [Fact]
    public void A_sample_older_than_the_newest_is_ignored()
    {
        var e = Evaluator(High());
        Feed(e, S(10), 50);

        Feed(e, S(5), 90).ShouldBeEmpty();
        e.IsActive("t.hi").ShouldBeFalse();
    }

    [Fact]
    public void A_string_sample_does_not_trip_a_numeric_alarm()
    {
        var e = Evaluator(High());

        e.Feed(T0, SampleValue.FromString("n/a"), Quality.Good, _changes).ShouldBe(0);
    }

    [Fact]
    public void Invalid_definitions_are_refused_with_the_reason()
    {
        Should.Throw<ArgumentException>(() => Evaluator(High(deadband: -1))).Message.ShouldContain("deadband");
        Should.Throw<ArgumentException>(() => Evaluator(new AlarmDefinition("t.dev", "t", AlarmKind.Deviation) { Limit = 5 })).Message.ShouldContain("setpoint");
        Should.Throw<ArgumentException>(() => Evaluator(new AlarmDefinition("t.d", "t", AlarmKind.Digital))).Message.ShouldContain("alarm value");
        Should.Throw<ArgumentException>(() => Evaluator(new AlarmDefinition("x.hi", "x", AlarmKind.High))).Message.ShouldContain("'x'");
        Should.Throw<ArgumentException>(() => Evaluator(High(), High())).Message.ShouldContain("share an id");
    }
}
