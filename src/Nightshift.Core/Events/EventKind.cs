namespace Nightshift.Core.Events;

/// <summary>What kind of thing an <see cref="PlantEvent"/> records.</summary>
public enum EventKind
{
    StateChange,
    Connectivity,
    Alarm,
    Command,
    Configuration,
    Audit,
}
