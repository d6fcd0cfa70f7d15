namespace Nightshift.Server.Api;

/// <summary>
/// A production order: number, product, quantity, line, due time, status (planned, running, completed), when it started
/// and completed (UTC), the good and scrap units counted while it ran, progress (good ÷ quantity) and whether it is late.
/// </summary>
public sealed record OrderDto(
    string Number,
    string Product,
    long Quantity,
    string Line,
    DateTime Due,
    string Status,
    DateTime? Started,
    DateTime? Completed,
    long Good,
    long Scrap,
    double Progress,
    bool Late);
