namespace Nightshift.Core.Oee;

/// <summary>
/// The OEE of one equipment over the window [<see cref="From"/>, <see cref="To"/>) (UTC), per ISO 22400-2. Ratios are
/// fractions (0.85 is 85 %), not capped at 1. When <see cref="HasPlannedBusyTime"/> is false every ratio is 0.
/// Immutable.
/// </summary>
public sealed record OeeResult(
    DateTime From,
    DateTime To,
    TimeSpan PlannedBusyTime,
    TimeSpan ActualProductionTime,
    TimeSpan PlannedDowntime,
    TimeSpan UnplannedDowntime,
    TimeSpan SetupTime,
    long GoodQuantity,
    long ScrapQuantity,
    double Availability,
    double Performance,
    double Quality,
    double Oee,
    IReadOnlyList<OeeLoss> Losses,
    int Failures,
    TimeSpan? MeanTimeBetweenFailures,
    TimeSpan? MeanTimeToRepair)
{
    /// <summary>Whether the window holds any planned busy time; without it the ratios are 0 and mean nothing.</summary>
    public bool HasPlannedBusyTime => PlannedBusyTime > TimeSpan.Zero;

    /// <summary>
    /// The ideal time to produce the counted units (ideal cycle time × (good + scrap)); performance is this over
    /// <see cref="ActualProductionTime"/>. Kept so that results can be summed (see <see cref="OeeRollup"/>).
    /// </summary>
    public TimeSpan IdealProductionTime { get; init; }

    /// <summary>The Down time inside planned busy time (the repair time of the failures); MTTR is this over <see cref="Failures"/>.</summary>
    public TimeSpan RepairTime { get; init; }

    /// <summary>Good plus scrap.</summary>
    public long ProducedQuantity => GoodQuantity + ScrapQuantity;
}
