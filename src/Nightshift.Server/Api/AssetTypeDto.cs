namespace Nightshift.Server.Api;

/// <summary>An asset type in API responses.</summary>
public sealed record AssetTypeDto(string Name, string? Description, string StateModel, IReadOnlyList<string> States, IReadOnlyList<TagDefinitionDto> Tags);
