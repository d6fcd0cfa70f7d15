using Nightshift.Core.Alarms;
using Nightshift.Server.Alarms;
using Nightshift.Server.Components.Display;

namespace Nightshift.Server.Tests.Components;

public class AlarmDisplayTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_console_lists_the_most_urgent_first_and_the_newest_first_within_a_priority()
    {
        var lowNew = Alarm("a~low", AlarmPriority.Low, AlarmState.UnackActive, T0.AddMinutes(9));
        var highOld = Alarm("b~high-old", AlarmPriority.High, AlarmState.AckActive, T0);
        var highNew = Alarm("c~high-new", AlarmPriority.High, AlarmState.UnackActive, T0.AddMinutes(5));
        var urgent = Alarm("d~urgent", AlarmPriority.Urgent, AlarmState.UnackRtn, T0.AddMinutes(1));
        var medium = Alarm("e~medium", AlarmPriority.Medium, AlarmState.Shelved, T0.AddMinutes(2));

        AlarmDisplay.Order([lowNew, highOld, medium, highNew, urgent], all: false).Select(a => a.Id)
            .ShouldBe(["d~urgent", "c~high-new", "b~high-old", "e~medium", "a~low"]);
    }

    [Fact]
    public void Alarms_changed_at_the_same_instant_keep_their_order_by_id()
    {
        var second = Alarm("x~2", AlarmPriority.High, AlarmState.UnackActive, T0);
        var first = Alarm("x~1", AlarmPriority.High, AlarmState.UnackActive, T0);

        AlarmDisplay.Order([second, first], all: false).Select(a => a.Id).ShouldBe(["x~1", "x~2"]);
        AlarmDisplay.Compare(first, first).ShouldBe(0);
        AlarmDisplay.Compare(first, null).ShouldBeLessThan(0);
    }

    [Fact]
    public void Only_active_alarms_are_listed_unless_all_are_asked_for()
    {
        var normal = Alarm("n~1", AlarmPriority.Urgent, AlarmState.Normal, T0);
        var suppressedActive = Alarm("s~1", AlarmPriority.Low, AlarmState.SuppressedByDesign, T0) with { ConditionActive = true };
        var suppressedClear = Alarm("s~2", AlarmPriority.Low, AlarmState.SuppressedByDesign, T0);
        var waiting = Alarm("w~1", AlarmPriority.Medium, AlarmState.UnackRtn, T0);

        AlarmDisplay.Order([normal, suppressedActive, suppressedClear, waiting], all: false).Select(a => a.Id).ShouldBe(["w~1", "s~1"]);
        AlarmDisplay.Order([normal, suppressedActive, suppressedClear, waiting], all: true).Count.ShouldBe(4);
    }

    [Fact]
    public void The_badge_counts_unacknowledged_active_alarms_and_the_marker_takes_the_most_urgent_annunciated_one()
    {
        List<AlarmSnapshot> alarms =
        [
            Alarm("a~1", AlarmPriority.Low, AlarmState.UnackActive, T0),
            Alarm("a~2", AlarmPriority.Medium, AlarmState.UnackActive, T0),
            Alarm("a~3", AlarmPriority.High, AlarmState.AckActive, T0),
            Alarm("a~4", AlarmPriority.Urgent, AlarmState.Shelved, T0),
            Alarm("a~5", AlarmPriority.Urgent, AlarmState.UnackRtn, T0),
        ];

        AlarmDisplay.CountUnacknowledged(alarms).ShouldBe(2);
        AlarmDisplay.MostUrgent(alarms).ShouldBe(AlarmPriority.Urgent);
        AlarmDisplay.MostUrgent(alarms.Take(4)).ShouldBe(AlarmPriority.High, "a shelved alarm marks nothing");
        AlarmDisplay.MostUrgent([]).ShouldBeNull();
    }

    [Theory]
    [InlineData(AlarmState.UnackActive, true, true, false)]
    [InlineData(AlarmState.UnackRtn, true, true, false)]
    [InlineData(AlarmState.AckActive, false, true, false)]
    [InlineData(AlarmState.Normal, false, true, false)]
    [InlineData(AlarmState.SuppressedByDesign, false, true, false)]
    [InlineData(AlarmState.Shelved, false, false, true)]
    public void The_console_offers_the_commands_the_state_allows(AlarmState state, bool acknowledge, bool shelve, bool unshelve)
    {
        var alarm = Alarm("p~1", AlarmPriority.High, state, T0);
        if (state == AlarmState.Shelved)
        {
            alarm = alarm with { Shelve = new ShelveInfo("ada", "sensor swap", T0, T0.AddMinutes(30)) };
        }

        AlarmDisplay.CanAcknowledge(alarm).ShouldBe(acknowledge);
        AlarmDisplay.CanShelve(alarm).ShouldBe(shelve);
        AlarmDisplay.CanUnshelve(alarm).ShouldBe(unshelve);
        AlarmDisplay.CanReset(alarm).ShouldBeFalse();
    }

    [Fact]
    public void An_acknowledged_latched_alarm_whose_condition_cleared_can_be_reset()
    {
        var latched = Alarm("l~1", AlarmPriority.Urgent, AlarmState.AckActive, T0) with
        {
            Definition = new AlarmDefinition("l", "pressure", AlarmKind.Low) { Latching = true, Priority = AlarmPriority.Urgent },
            ConditionActive = false,
        };

        AlarmDisplay.CanReset(latched).ShouldBeTrue();
        AlarmDisplay.CanReset(latched with { ConditionActive = true }).ShouldBeFalse("a reset is refused while the condition is active");
    }

    [Fact]
    public void Priorities_states_and_shelve_choices_have_labels_and_classes()
    {
        AlarmDisplay.PriorityClass(AlarmPriority.Urgent).ShouldBe("prio-urgent");
        AlarmDisplay.PriorityClass(AlarmPriority.High).ShouldBe("prio-high");
        AlarmDisplay.PriorityClass(AlarmPriority.Medium).ShouldBe("prio-medium");
        AlarmDisplay.PriorityClass(AlarmPriority.Low).ShouldBe("prio-low");
        AlarmDisplay.PriorityLabel(AlarmPriority.Urgent).ShouldBe("Urgent");
        AlarmDisplay.StateClass(AlarmState.UnackActive).ShouldBe("alarm-state-unackactive");
        Enum.GetValues<AlarmState>().Select(AlarmDisplay.StateLabel).ShouldBeUnique();
        AlarmCommands.ShelveChoices.Select(AlarmDisplay.ShelveChoiceLabel).ShouldBe(["15 min", "30 min", "1 h", "2 h", "8 h"]);
    }

    private static AlarmSnapshot Alarm(string id, AlarmPriority priority, AlarmState state, DateTime since) =>
        new(
            id,
            "demo",
            "plant/shop/line/press-1",
            new AlarmDefinition(id, "vibration", AlarmKind.High) { Priority = priority, Limit = 7 },
            state,
            state is AlarmState.UnackActive or AlarmState.AckActive,
            since,
            null);
}
