namespace Nightshift.Core.Assets;

/// <summary>A static attribute of an asset type (e.g. a press's tonnage), with an optional unit and default.</summary>
public sealed record AttributeDefinition(string Name, string? Unit = null, string? Default = null);
