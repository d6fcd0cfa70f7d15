namespace Nightshift.Core.Assets;

/// <summary>A template for equipment: its tags, attributes and state model. Immutable.</summary>
public sealed record AssetType(string Name, IReadOnlyList<TagDefinition> Tags, IReadOnlyList<AttributeDefinition> Attributes, StateModel StateModel, string? Description = null)
{
    public TagDefinition? FindTag(string name) => Tags.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
