namespace Nightshift.Core.Alarms;

/// <summary>The annunciations of one priority and their share (0..1) of all annunciations in the period. Immutable.</summary>
public sealed record PriorityShare(AlarmPriority Priority, int Annunciations, double Share);
