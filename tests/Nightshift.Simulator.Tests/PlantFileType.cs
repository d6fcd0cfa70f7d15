namespace Nightshift.Simulator.Tests;

/// <summary>An asset type of the plant file: its state model and its tags by name.</summary>
internal sealed record PlantFileType(string StateModel, IReadOnlyDictionary<string, PlantFileTag> Tags);
