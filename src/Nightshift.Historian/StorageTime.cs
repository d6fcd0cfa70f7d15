namespace Nightshift.Historian;

/// <summary>
/// Conversions between <see cref="DateTime"/> and the store's timestamps: UTC, whole microseconds
/// (DuckDB TIMESTAMP). A local time is converted to UTC; an unspecified one is taken as UTC. Pure and thread-safe.
/// </summary>
internal static class StorageTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    /// <summary>The time in UTC, cut down to the microsecond: how a sample's timestamp is stored.</summary>
    public static DateTime Floor(DateTime time)
    {
        var ticks = ToUtcTicks(time);
        return new DateTime(ticks - (ticks % TicksPerMicrosecond), DateTimeKind.Utc);
    }

    /// <summary>The time in UTC, rounded up to the microsecond: the exact bound of a half-open range over stored times.</summary>
    public static DateTime Ceiling(DateTime time)
    {
        var ticks = ToUtcTicks(time);
        var rest = ticks % TicksPerMicrosecond;
        if (rest == 0)
        {
            return new DateTime(ticks, DateTimeKind.Utc);
        }

        var up = ticks - rest + TicksPerMicrosecond;
        return up > DateTime.MaxValue.Ticks ? DateTime.MaxValue : new DateTime(up, DateTimeKind.Utc);
    }

    /// <summary>Microseconds since the Unix epoch of a time already floored or ceiled to the microsecond.</summary>
    public static long ToEpochMicroseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;

    public static DateTime FromEpochMicroseconds(long microseconds) =>
        new(DateTime.UnixEpoch.Ticks + (microseconds * TicksPerMicrosecond), DateTimeKind.Utc);

    /// <summary>A timestamp read from the store (kind unspecified) as UTC.</summary>
    public static DateTime FromStorage(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);

    private static long ToUtcTicks(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime().Ticks : time.Ticks;
}
