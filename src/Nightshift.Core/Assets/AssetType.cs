using Nightshift.Core.Alarms;

namespace Nightshift.Core.Assets;

/// <summary>A template for equipment: its tags, attributes, state model and alarm definitions. Immutable.</summary>
public sealed record AssetType(string Name, IReadOnlyList<TagDefinition> Tags, IReadOnlyList<AttributeDefinition> Attributes, StateModel StateModel, string? Description = null)
{
    /// <summary>The alarms every equipment of this type gets, each on one of its tags; empty by default.</summary>
    public IReadOnlyList<AlarmDefinition> Alarms { get; init; } = [];

    public TagDefinition? FindTag(string name) => Tags.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
