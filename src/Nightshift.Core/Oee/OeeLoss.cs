namespace Nightshift.Core.Oee;

/// <summary>
/// One line of the loss Pareto: the time lost to one reason inside planned busy time, and how many separate
/// intervals contributed to it (0 for speed and quality losses). Immutable.
/// </summary>
public sealed record OeeLoss(OeeLossKind Kind, string Reason, string? ReasonText, TimeSpan Duration, int Occurrences);
