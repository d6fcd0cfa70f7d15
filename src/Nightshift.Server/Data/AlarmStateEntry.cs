namespace Nightshift.Server.Data;

/// <summary>
/// The saved state of one alarm instance, so that it survives a restart: the annunciation state (A to D, by name), the
/// process condition, the shelve (who, why, from and until, UTC), the suppressed-by-design and out-of-service flags, and
/// since when (UTC) the alarm is in its state. One row per (tenant, alarm id), overwritten on every transition.
/// </summary>
public sealed class AlarmStateEntry
{
    public required string Tenant { get; set; }

    /// <summary>The alarm instance id as the API shows it (see <c>AlarmIds</c>).</summary>
    public required string AlarmId { get; set; }

    public required string Annunciation { get; set; }

    public bool ConditionActive { get; set; }

    public bool Suppressed { get; set; }

    public bool OutOfService { get; set; }

    public string? ShelvedBy { get; set; }

    public string? ShelveReason { get; set; }

    public DateTime? ShelvedSince { get; set; }

    public DateTime? ShelvedUntil { get; set; }

    public DateTime Since { get; set; }

    public DateTime UpdatedAt { get; set; }
}
