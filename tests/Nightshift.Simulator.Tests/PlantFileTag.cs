namespace Nightshift.Simulator.Tests;

/// <summary>A tag of an asset type in the plant file.</summary>
internal sealed record PlantFileTag(string Type, string? Unit, double? Min, double? Max, bool Key);
