using Nightshift.Core.Alarms;

namespace Nightshift.Core.Tests.Alarms;

public class AlarmStateMachineTests
{
    [Fact]
    public void A_latched_alarm_stays_in_alarm_after_its_condition_clears_until_acknowledged_and_reset()
    {
        var s = new AlarmScenario(latching: true);
        var m = s.Machine;

        m.Activate().Event!.To.ShouldBe(AlarmState.UnackActive);
        m.Return().Event!.To.ShouldBe(AlarmState.UnackActive);
        m.ConditionActive.ShouldBeFalse();
        m.Reset("ana").Error.ShouldBe(AlarmError.NotAcknowledged);
        m.Acknowledge("ana").Event!.To.ShouldBe(AlarmState.AckActive);

        var reset = m.Reset("ana", "inspected on site");

        reset.Event.ShouldNotBeNull().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe(AlarmAction.Reset),
            e => e.From.ShouldBe(AlarmState.AckActive),
            e => e.To.ShouldBe(AlarmState.Normal),
            e => e.Who.ShouldBe("ana"),
            e => e.Comment.ShouldBe("inspected on site"));
    }

    [Fact]
    public void A_latched_alarm_cannot_be_reset_while_its_condition_is_active()
    {
        var m = new AlarmScenario(latching: true).Machine;
        m.Activate();
        m.Acknowledge("ana");

        var reset = m.Reset("ana");

        reset.Error.ShouldBe(AlarmError.ConditionStillActive);
        m.State.ShouldBe(AlarmState.AckActive);
    }

    [Fact]
    public void A_shelve_ends_by_itself_at_its_time_and_an_active_alarm_is_annunciated_again()
    {
        var s = new AlarmScenario();
        s.Machine.Activate();
        var shelve = s.Machine.Shelve("ana", "chattering transmitter", AlarmScenario.T0.AddMinutes(30)).Event.ShouldNotBeNull();
        shelve.ShelvedUntil.ShouldBe(AlarmScenario.T0.AddMinutes(30));
        shelve.Comment.ShouldBe("chattering transmitter");
        s.Machine.CurrentShelve.ShouldBe(new ShelveInfo("ana", "chattering transmitter", AlarmScenario.T0, AlarmScenario.T0.AddMinutes(30)));

        s.Time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1));
        s.Machine.Tick().Events.ShouldBeEmpty();
        s.Machine.State.ShouldBe(AlarmState.Shelved);

        s.Time.Advance(TimeSpan.FromTicks(1));
        var tick = s.Machine.Tick();

        var expired = tick.Events.ShouldHaveSingleItem();
        expired.Action.ShouldBe(AlarmAction.ShelveExpired);
        expired.From.ShouldBe(AlarmState.Shelved);
        expired.To.ShouldBe(AlarmState.UnackActive);
        expired.Who.ShouldBe(AlarmStateMachine.SystemActor);
        expired.Timestamp.ShouldBe(AlarmScenario.T0.AddMinutes(30));
        expired.IsAnnunciation.ShouldBeTrue();
        s.Machine.IsShelved.ShouldBeFalse();
    }

    [Fact]
    public void An_expired_shelve_is_ended_before_the_next_transition_and_both_events_are_returned()
    {
        var s = new AlarmScenario();
        s.Machine.Shelve("ana", "maintenance nearby", AlarmScenario.T0.AddMinutes(5));
        s.Machine.Activate().Event!.To.ShouldBe(AlarmState.Shelved);
        s.Time.Advance(TimeSpan.FromMinutes(6));

        var ack = s.Machine.Acknowledge("ben");

        ack.Events.Select(e => e.Action).ShouldBe([AlarmAction.ShelveExpired, AlarmAction.Acknowledge]);
        ack.Events[0].To.ShouldBe(AlarmState.UnackActive);
        ack.Event!.To.ShouldBe(AlarmState.AckActive);
    }

    [Fact]
    public void A_shelve_needs_a_reason_and_an_end_in_the_future()
    {
        var s = new AlarmScenario();

        s.Machine.Shelve("ana", " ", AlarmScenario.T0.AddHours(1)).Error.ShouldBe(AlarmError.InvalidArgument);
        s.Machine.Shelve("ana", "why not", AlarmScenario.T0).Error.ShouldBe(AlarmError.InvalidArgument);
        s.Machine.State.ShouldBe(AlarmState.Normal);
    }

    [Fact]
    public void A_suppressed_alarm_tracks_its_condition_but_annunciates_nothing_until_unsuppressed()
    {
        var s = new AlarmScenario();
        s.Machine.Suppress("equipment Down").Event!.Who.ShouldBe(AlarmStateMachine.SystemActor);

        var hidden = new[] { s.Machine.Activate(), s.Machine.Return(), s.Machine.Activate() }.Select(r => r.Event!).ToList();

        hidden.ShouldAllBe(e => e.From == AlarmState.SuppressedByDesign && e.To == AlarmState.SuppressedByDesign && !e.IsAnnunciation);
        hidden.Select(e => e.ConditionActive).ShouldBe([true, false, true]);
        s.Machine.IsAnnunciated.ShouldBeFalse();
        s.Machine.Acknowledge("ana").Error.ShouldBe(AlarmError.NotAnnunciated);

        var unsuppress = s.Machine.Unsuppress().Event.ShouldNotBeNull();

        unsuppress.To.ShouldBe(AlarmState.UnackActive);
        unsuppress.IsAnnunciation.ShouldBeTrue();
    }

    [Fact]
    public void Out_of_service_is_shown_over_shelved_and_the_alarm_returns_only_when_both_end()
    {
        var s = new AlarmScenario();
        s.Machine.Activate();
        s.Machine.Shelve("ana", "nuisance", AlarmScenario.T0.AddHours(8));
        s.Machine.RemoveFromService("ben", "transmitter replaced").Event!.To.ShouldBe(AlarmState.OutOfService);

        s.Machine.Unshelve("ana").Event!.To.ShouldBe(AlarmState.OutOfService);
        s.Machine.Return();
        var back = s.Machine.ReturnToService("ben", "loop checked").Event.ShouldNotBeNull();

        back.From.ShouldBe(AlarmState.OutOfService);
        back.To.ShouldBe(AlarmState.Normal);
        back.Comment.ShouldBe("loop checked");
    }

    [Fact]
    public void A_pending_acknowledgement_is_dropped_when_the_alarm_is_shelved()
    {
        var s = AlarmScenario.At(AlarmStart.UnackRtn);
        s.Machine.Shelve("ana", "known", AlarmScenario.T0.AddHours(1));

        s.Machine.Unshelve("ana").Event!.To.ShouldBe(AlarmState.Normal);
    }

    [Fact]
    public void Events_carry_who_when_the_comment_and_the_definitions_priority_and_position()
    {
        var s = AlarmScenario.At(AlarmStart.UnackActive);
        s.Time.Advance(TimeSpan.FromSeconds(42));

        var comment = s.Machine.AddComment("carla", "pump 2 started").Event.ShouldNotBeNull();

        comment.ShouldBe(new AlarmEvent(AlarmScenario.T0.AddSeconds(42), "temperature.hi", AlarmAction.Comment, AlarmState.UnackActive, AlarmState.UnackActive, "carla", "pump 2 started")
        {
            Priority = AlarmPriority.High,
            Position = "press-shop",
            ConditionActive = true,
        });
        comment.IsAnnunciation.ShouldBeFalse();
        s.Machine.AddComment("carla", "").Error.ShouldBe(AlarmError.InvalidArgument);
    }

    [Fact]
    public void An_acknowledgement_needs_the_operators_name()
    {
        var s = AlarmScenario.At(AlarmStart.UnackActive);

        s.Machine.Acknowledge("").Error.ShouldBe(AlarmError.InvalidArgument);
        s.Machine.State.ShouldBe(AlarmState.UnackActive);
    }
}
