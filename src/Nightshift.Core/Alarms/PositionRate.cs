namespace Nightshift.Core.Alarms;

/// <summary>
/// The alarm load of one operator position over a period: annunciations, their average and maximum per
/// 10-minute interval, and the intervals (count and share 0..1 of all intervals of the period) in flood. Immutable.
/// </summary>
public sealed record PositionRate(string Position, int Annunciations, double AveragePer10Minutes, int MaxPer10Minutes, int FloodIntervals, double FloodShare);
