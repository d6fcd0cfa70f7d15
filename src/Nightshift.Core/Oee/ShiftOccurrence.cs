namespace Nightshift.Core.Oee;

/// <summary>
/// One occurrence of a shift: the shift's name, the local day it starts on, and its span [<see cref="Start"/>,
/// <see cref="End"/>) in UTC, breaks included. Immutable.
/// </summary>
public sealed record ShiftOccurrence(string Shift, DateOnly Day, DateTime Start, DateTime End);
