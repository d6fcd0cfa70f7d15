namespace Nightshift.Server.Api;

/// <summary>One line of the loss Pareto: kind (downtime, setup, speed, quality), reason, text, time lost in seconds, and how many intervals.</summary>
public sealed record OeeLossDto(string Kind, string Reason, string? ReasonText, double Seconds, int Occurrences);
