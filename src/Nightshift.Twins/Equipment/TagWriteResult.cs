namespace Nightshift.Twins.Equipment;

/// <summary>
/// The result of <see cref="IEquipmentGrain.WriteTagAsync"/>: the outcome, the tag's value as the device last reported it
/// (null when it never did) and, when refused, why.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record TagWriteResult(
    [property: Id(0)] TagWriteOutcome Outcome,
    [property: Id(1)] TagValue? ReadBack,
    [property: Id(2)] string? Error);
