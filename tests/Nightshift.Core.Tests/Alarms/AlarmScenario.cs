using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Alarms;

namespace Nightshift.Core.Tests.Alarms;

/// <summary>An alarm state machine on a fake clock, driven into a given state.</summary>
public sealed class AlarmScenario
{
    public static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    public AlarmScenario(bool latching = false)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(T0));
        Definition = new AlarmDefinition("temperature.hi", "temperature", AlarmKind.High)
        {
            Limit = 80,
            Deadband = 2,
            Latching = latching,
            Priority = AlarmPriority.High,
            Position = "press-shop",
            Message = "Oil temperature high",
        };
        Machine = new AlarmStateMachine(Definition, Time);
    }

    public FakeTimeProvider Time { get; }

    public AlarmDefinition Definition { get; }

    public AlarmStateMachine Machine { get; }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public static AlarmScenario At(AlarmStart start)
    {
        var scenario = new AlarmScenario(latching: start is AlarmStart.LatchedUnackClear or AlarmStart.LatchedAckClear);
        var m = scenario.Machine;
        var until = T0.AddHours(1);
        AlarmResult[] steps = start switch
        {
            AlarmStart.Normal => [],
            AlarmStart.UnackActive => [m.Activate()],
            AlarmStart.AckActive => [m.Activate(), m.Acknowledge("ana")],
            AlarmStart.UnackRtn => [m.Activate(), m.Return()],
            AlarmStart.ShelvedActive => [m.Activate(), m.Shelve("ana", "sensor drifting", until)],
            AlarmStart.ShelvedClear => [m.Shelve("ana", "sensor drifting", until)],
            AlarmStart.SuppressedActive => [m.Activate(), m.Suppress("equipment Down")],
            AlarmStart.SuppressedClear => [m.Suppress("equipment Down")],
            AlarmStart.OutOfServiceActive => [m.Activate(), m.RemoveFromService("ben", "transmitter replaced")],
            AlarmStart.OutOfServiceClear => [m.RemoveFromService("ben", "transmitter replaced")],
            AlarmStart.LatchedUnackClear => [m.Activate(), m.Return()],
            AlarmStart.LatchedAckClear => [m.Activate(), m.Acknowledge("ana"), m.Return()],
            _ => throw new ArgumentOutOfRangeException(nameof(start)),
        };
        steps.ShouldAllBe(r => r.Succeeded);
        return scenario;
    }

    public AlarmResult Perform(AlarmAction action) => action switch
    {
        AlarmAction.Activate => Machine.Activate(),
        AlarmAction.Return => Machine.Return(),
        AlarmAction.Acknowledge => Machine.Acknowledge("carla", "seen"),
        AlarmAction.Shelve => Machine.Shelve("carla", "known nuisance", Now.AddMinutes(30)),
        AlarmAction.Unshelve => Machine.Unshelve("carla"),
        AlarmAction.Suppress => Machine.Suppress("equipment in Changeover"),
        AlarmAction.Unsuppress => Machine.Unsuppress(),
        AlarmAction.RemoveFromService => Machine.RemoveFromService("ben", "calibration"),
        AlarmAction.ReturnToService => Machine.ReturnToService("ben"),
        AlarmAction.Reset => Machine.Reset("carla"),
        AlarmAction.Comment => Machine.AddComment("carla", "checked the pump"),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
