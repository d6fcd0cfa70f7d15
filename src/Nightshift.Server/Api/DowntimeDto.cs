namespace Nightshift.Server.Api;

/// <summary>
/// One downtime interval: id (for re-classification), equipment, state and its category, span (UTC; open while it
/// lasts), the seconds lost inside planned busy time of the queried range, the reason and its text, whether it was
/// moved to planned downtime, and who re-classified it.
/// </summary>
public sealed record DowntimeDto(
    string Id,
    string Equipment,
    string State,
    string Category,
    DateTime Start,
    DateTime End,
    bool Open,
    double LostSeconds,
    string Reason,
    string? ReasonText,
    bool Planned,
    string? ReclassifiedBy);
