namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// A value with its status and timestamps (Part 4, 7.11). Timestamps are UTC; null when the server did not send them.
/// Picoseconds refine a timestamp in units of 10 ps (0..9999). Immutable and thread-safe.
/// </summary>
/// <param name="Value">The value; <see cref="Variant.Null"/> when absent.</param>
/// <param name="Status">The status code; Good when absent.</param>
public sealed record DataValue(Variant Value, StatusCode Status = default)
{
    public DateTime? SourceTimestamp { get; init; }

    public ushort SourcePicoseconds { get; init; }

    public DateTime? ServerTimestamp { get; init; }

    public ushort ServerPicoseconds { get; init; }
}
