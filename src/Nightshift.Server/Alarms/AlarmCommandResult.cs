namespace Nightshift.Server.Alarms;

/// <summary>The outcome of an operator's command on an alarm: the alarm afterwards, or why it was not done. Immutable.</summary>
/// <param name="Outcome">Done, not found or refused.</param>
/// <param name="Alarm">The alarm after the command; null when not found.</param>
/// <param name="Reason">Why the command was refused or not found; null when done.</param>
public sealed record AlarmCommandResult(AlarmCommandOutcome Outcome, AlarmSnapshot? Alarm, string? Reason);
