using Nightshift.Core.Alarms;

namespace Nightshift.Core.Tests.Alarms;

/// <summary>
/// Every state of the ISA-18.2 table against every action: the state after, or the error. A cell is a state name
/// (A Normal, B UnackActive, C AckActive, D UnackRtn, E Shelved, F SuppressedByDesign, G OutOfService) or "!" and an error.
/// </summary>
public class AlarmStateTableTests
{
    private static readonly AlarmAction[] Actions =
    [
        AlarmAction.Activate, AlarmAction.Return, AlarmAction.Acknowledge, AlarmAction.Shelve, AlarmAction.Unshelve,
        AlarmAction.Suppress, AlarmAction.Unsuppress, AlarmAction.RemoveFromService, AlarmAction.ReturnToService,
        AlarmAction.Reset, AlarmAction.Comment,
    ];

    // Columns:           Activate         Return           Acknowledge              Shelve             Unshelve       Suppress             Unsuppress      RemoveFromService     ReturnToService       Reset           Comment
    private static readonly (AlarmStart Start, string[] Outcomes)[] Table =
    [
        (AlarmStart.Normal, ["UnackActive", "!NotActive", "!NothingToAcknowledge", "Shelved", "!NotShelved", "SuppressedByDesign", "!NotSuppressed", "OutOfService", "!NotOutOfService", "!NotLatching", "Normal"]),
        (AlarmStart.UnackActive, ["!AlreadyActive", "UnackRtn", "AckActive", "Shelved", "!NotShelved", "SuppressedByDesign", "!NotSuppressed", "OutOfService", "!NotOutOfService", "!NotLatching", "UnackActive"]),
        (AlarmStart.AckActive, ["!AlreadyActive", "Normal", "!AlreadyAcknowledged", "Shelved", "!NotShelved", "SuppressedByDesign", "!NotSuppressed", "OutOfService", "!NotOutOfService", "!NotLatching", "AckActive"]),
        (AlarmStart.UnackRtn, ["UnackActive", "!NotActive", "Normal", "Shelved", "!NotShelved", "SuppressedByDesign", "!NotSuppressed", "OutOfService", "!NotOutOfService", "!NotLatching", "UnackRtn"]),
        (AlarmStart.ShelvedActive, ["!AlreadyActive", "Shelved", "!NotAnnunciated", "!AlreadyShelved", "UnackActive", "SuppressedByDesign", "!NotSuppressed", "OutOfService", "!NotOutOfService", "!NotLatching", "Shelved"]),
        (AlarmStart.ShelvedClear, ["Shelved", "!NotActive", "!NotAnnunciated", "!AlreadyShelved", "Normal", "SuppressedByDesign", "!NotSuppressed", "OutOfService", "!NotOutOfService", "!NotLatching", "Shelved"]),
        (AlarmStart.SuppressedActive, ["!AlreadyActive", "SuppressedByDesign", "!NotAnnunciated", "SuppressedByDesign", "!NotShelved", "!AlreadySuppressed", "UnackActive", "OutOfService", "!NotOutOfService", "!NotLatching", "SuppressedByDesign"]),
        (AlarmStart.SuppressedClear, ["SuppressedByDesign", "!NotActive", "!NotAnnunciated", "SuppressedByDesign", "!NotShelved", "!AlreadySuppressed", "Normal", "OutOfService", "!NotOutOfService", "!NotLatching", "SuppressedByDesign"]),
        (AlarmStart.OutOfServiceActive, ["!AlreadyActive", "OutOfService", "!NotAnnunciated", "OutOfService", "!NotShelved", "OutOfService", "!NotSuppressed", "!AlreadyOutOfService", "UnackActive", "!NotLatching", "OutOfService"]),
        (AlarmStart.OutOfServiceClear, ["OutOfService", "!NotActive", "!NotAnnunciated", "OutOfService", "!NotShelved", "OutOfService", "!NotSuppressed", "!AlreadyOutOfService", "Normal", "!NotLatching", "OutOfService"]),
    ];

    // A latching alarm: the rows where it differs, for the actions that matter to the latch.
    private static readonly AlarmAction[] LatchActions = [AlarmAction.Activate, AlarmAction.Return, AlarmAction.Acknowledge, AlarmAction.Reset];

    private static readonly (AlarmStart Start, string[] Outcomes)[] LatchTable =
    [
        (AlarmStart.LatchedUnackClear, ["UnackActive", "!NotActive", "AckActive", "!NotAcknowledged"]),
        (AlarmStart.LatchedAckClear, ["UnackActive", "!NotActive", "!AlreadyAcknowledged", "Normal"]),
    ];

    public static TheoryData<AlarmStart, AlarmAction, string> Transitions()
    {
        var data = new TheoryData<AlarmStart, AlarmAction, string>();
        foreach (var (start, outcomes) in Table)
        {
            for (var i = 0; i < Actions.Length; i++)
            {
                data.Add(start, Actions[i], outcomes[i]);
            }
        }

        return data;
    }

    public static TheoryData<AlarmStart, AlarmAction, string> LatchTransitions()
    {
        var data = new TheoryData<AlarmStart, AlarmAction, string>();
        foreach (var (start, outcomes) in LatchTable)
        {
            for (var i = 0; i < LatchActions.Length; i++)
            {
                data.Add(start, LatchActions[i], outcomes[i]);
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_every_start_and_every_operator_or_process_action()
    {
        Table.Length.ShouldBe(10);
        Table.ShouldAllBe(row => row.Outcomes.Length == Actions.Length);
        Actions.Length.ShouldBe(Enum.GetValues<AlarmAction>().Length - 1); // all but ShelveExpired, which only time causes
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Each_state_and_action_of_a_non_latching_alarm_gives_the_state_of_the_table(AlarmStart start, AlarmAction action, string expected) =>
        Check(start, action, expected);

    [Theory]
    [MemberData(nameof(LatchTransitions))]
    public void Each_state_and_action_of_a_latched_alarm_whose_condition_cleared_gives_the_state_of_the_table(AlarmStart start, AlarmAction action, string expected) =>
        Check(start, action, expected);

    private static void Check(AlarmStart start, AlarmAction action, string expected)
    {
        var scenario = AlarmScenario.At(start);
        var before = scenario.Machine.State;
        var condition = scenario.Machine.ConditionActive;

        var result = scenario.Perform(action);

        if (expected.StartsWith('!'))
        {
            result.Succeeded.ShouldBeFalse();
            result.Error.ShouldBe(Enum.Parse<AlarmError>(expected[1..]));
            result.Message.ShouldNotBeNullOrWhiteSpace();
            result.Events.ShouldBeEmpty();
            result.Event.ShouldBeNull();
            scenario.Machine.State.ShouldBe(before);
            scenario.Machine.ConditionActive.ShouldBe(condition);
        }
        else
        {
            result.Succeeded.ShouldBeTrue(result.ToString());
            var e = result.Event.ShouldNotBeNull();
            result.Events.Count.ShouldBe(1);
            e.Action.ShouldBe(action);
            e.From.ShouldBe(before);
            e.To.ShouldBe(Enum.Parse<AlarmState>(expected));
            e.AlarmId.ShouldBe("temperature.hi");
            e.Timestamp.ShouldBe(AlarmScenario.T0);
            e.ConditionActive.ShouldBe(scenario.Machine.ConditionActive);
            scenario.Machine.State.ShouldBe(e.To);
        }
    }
}
