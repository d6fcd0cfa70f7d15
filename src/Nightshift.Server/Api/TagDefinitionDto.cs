namespace Nightshift.Server.Api;

/// <summary>A tag of an asset type in API responses.</summary>
public sealed record TagDefinitionDto(string Name, string DataType, string? Unit, double? Min, double? Max, bool Key);
