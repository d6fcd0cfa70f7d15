namespace Nightshift.Simulator.Tests;

/// <summary>An equipment entry of the plant file.</summary>
internal sealed record PlantFileEquipment(string Id, string Type, string Source);
