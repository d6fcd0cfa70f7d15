using Nightshift.Core.Assets;

namespace Nightshift.Core.Events;

/// <summary>Something that happened at an instant (UTC): a state change, a node going offline, a command, an audit entry.</summary>
public sealed record PlantEvent(DateTime Timestamp, string Tenant, EventKind Kind, AssetPath? Asset, string Message)
{
    /// <summary>Who caused it: a user name, an API key name, or "system".</summary>
    public string Actor { get; init; } = "system";
}
