namespace Nightshift.Core.Alarms;

/// <summary>One of the most frequent alarms: its annunciations and their share (0..1) of all annunciations in the period. Immutable.</summary>
public sealed record BadActor(string AlarmId, int Annunciations, double Share);
