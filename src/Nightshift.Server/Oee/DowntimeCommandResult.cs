namespace Nightshift.Server.Oee;

/// <summary>The outcome of a re-classification: the stored re-classification when done, else the reason it was not. Immutable.</summary>
public sealed record DowntimeCommandResult(ProductionCommandOutcome Outcome, DowntimeReclassification? Reclassification, string? Reason);
