namespace Nightshift.Twins.Equipment;

/// <summary>One new value of one tag, as sent to an equipment twin.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TagUpdate([property: Id(0)] string Tag, [property: Id(1)] TagValue Value);
