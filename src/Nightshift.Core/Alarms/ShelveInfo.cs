namespace Nightshift.Core.Alarms;

/// <summary>Who shelved an alarm, why, and until when (UTC). Immutable.</summary>
public sealed record ShelveInfo(string Who, string Reason, DateTime Since, DateTime Until);
