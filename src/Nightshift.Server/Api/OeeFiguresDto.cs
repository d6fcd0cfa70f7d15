namespace Nightshift.Server.Api;

/// <summary>
/// OEE figures of a total or a group: the ratios (fractions, 0.85 is 85 %), the ISO 22400 times in seconds, the counts,
/// failures with MTBF and MTTR in seconds (null without failures), and the losses in Pareto order.
/// </summary>
public sealed record OeeFiguresDto(
    double Availability,
    double Performance,
    double Quality,
    double Oee,
    double PlannedBusySeconds,
    double ActualProductionSeconds,
    double PlannedDowntimeSeconds,
    double UnplannedDowntimeSeconds,
    double SetupSeconds,
    double IdealProductionSeconds,
    long Good,
    long Scrap,
    int Failures,
    double? MtbfSeconds,
    double? MttrSeconds,
    IReadOnlyList<OeeLossDto> Losses);
