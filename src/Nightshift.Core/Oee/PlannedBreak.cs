namespace Nightshift.Core.Oee;

/// <summary>
/// A planned break in a shift: it starts at the local wall-clock time <see cref="Start"/> (on the shift's start day, or
/// on the next day when earlier than the shift's start) and lasts <see cref="Duration"/> of elapsed time. Immutable.
/// </summary>
public sealed record PlannedBreak(TimeOnly Start, TimeSpan Duration);
