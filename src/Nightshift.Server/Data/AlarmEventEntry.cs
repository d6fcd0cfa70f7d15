namespace Nightshift.Server.Data;

/// <summary>
/// One stored alarm transition (an <see cref="Nightshift.Core.Alarms.AlarmEvent"/>): when (UTC), which alarm of which
/// equipment, what happened, the state before and after, who did it and why. Append-only; enums stored by name.
/// </summary>
public sealed class AlarmEventEntry
{
    public long Id { get; set; }

    public required string Tenant { get; set; }

    public DateTime Timestamp { get; set; }

    /// <summary>The alarm instance id as the API shows it (see <c>AlarmIds</c>).</summary>
    public required string AlarmId { get; set; }

    public required string Equipment { get; set; }

    public required string Action { get; set; }

    public required string FromState { get; set; }

    public required string ToState { get; set; }

    public required string Who { get; set; }

    public string? Comment { get; set; }

    public required string Priority { get; set; }

    public required string Position { get; set; }

    public bool ConditionActive { get; set; }

    public DateTime? ShelvedUntil { get; set; }
}
