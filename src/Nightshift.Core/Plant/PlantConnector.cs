namespace Nightshift.Core.Plant;

/// <summary>
/// A connector declared in a plant file: its name and its document as JSON (the same document
/// <c>POST /api/v1/connectors</c> takes, with <c>name</c> set), and where it stands in the file for errors.
/// </summary>
public sealed record PlantConnector(string Name, string Json, string File, int Line, int Column);
