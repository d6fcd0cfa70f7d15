namespace Nightshift.Core.Oee;

/// <summary>How many units a counter rose by in the bucket that starts at <see cref="Start"/> (UTC). Immutable.</summary>
public readonly record struct CounterIncrement(DateTime Start, long Units);
