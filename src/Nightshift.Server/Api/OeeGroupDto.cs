namespace Nightshift.Server.Api;

/// <summary>One group of an OEE answer: its key, label, span (UTC), how many equipment it sums, and its figures.</summary>
public sealed record OeeGroupDto(string Key, string Label, DateTime From, DateTime To, int Equipment, OeeFiguresDto Figures);
