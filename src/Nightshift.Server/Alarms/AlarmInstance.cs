using Nightshift.Core.Alarms;

namespace Nightshift.Server.Alarms;

/// <summary>One alarm of one equipment: its API id, its life cycle and since when it is in its state. Guarded by its <see cref="EquipmentAlarms"/>.</summary>
internal sealed class AlarmInstance(string id, AlarmStateMachine machine, DateTime since)
{
    public string Id { get; } = id;

    public AlarmStateMachine Machine { get; } = machine;

    /// <summary>When the state or the condition last changed (UTC).</summary>
    public DateTime Since { get; set; } = since;
}
