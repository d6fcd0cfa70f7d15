namespace Nightshift.Core.Oee;

/// <summary>
/// One reading of an equipment's state tag at <see cref="Timestamp"/> (UTC): the state's name, or null when the reading
/// carried no usable value (Bad quality, no value): the equipment then counts as Offline. Immutable.
/// </summary>
public readonly record struct StateReading(DateTime Timestamp, string? State);
