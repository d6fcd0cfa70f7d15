namespace Nightshift.Core.Assets;

/// <summary>What a machine state means for availability (ISO 22400 time model).</summary>
public enum StateCategory
{
    Productive,
    Idle,
    Blocked,
    Starved,
    Down,
    Setup,
    Offline,
}
