namespace Nightshift.Server.Api;

/// <summary>One node of the asset hierarchy in API responses.</summary>
public sealed record AssetDto(string Path, string Name, string Kind, string? Type, string? Source, string? TimeZone, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<AssetDto> Children);
