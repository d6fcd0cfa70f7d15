namespace Nightshift.Core.Alarms;

/// <summary>
/// An alarm annunciated at least <see cref="AlarmKpis.ChatterCount"/> times within <see cref="AlarmKpis.ChatterWindow"/>:
/// the worst such window, starting at <see cref="WindowStart"/> (UTC) with <see cref="Annunciations"/> in it. Immutable.
/// </summary>
public sealed record ChatteringAlarm(string AlarmId, DateTime WindowStart, int Annunciations);
