namespace Nightshift.Server.Api;

/// <summary>The plant file made from a server's address space, and how much it holds (variables skipped: arrays and structures).</summary>
public sealed record OpcUaImportResponse(string PlantFile, int Equipment, int Tags, int SkippedVariables);
