namespace Nightshift.Connectivity.LineProtocol;

/// <summary>
/// One parsed line of InfluxDB line protocol: the measurement, the tags sorted by key (ordinal), the fields in
/// the order written, and the timestamp (UTC, 100 ns resolution; the receive time when the line has none).
/// <see cref="Line"/> is the 1-based line number in the request. Immutable and thread-safe.
/// </summary>
public sealed record LineProtocolPoint(string Measurement, IReadOnlyList<LineProtocolTag> Tags, IReadOnlyList<LineProtocolField> Fields, DateTime Timestamp)
{
    /// <summary>The 1-based line number of the point in its request; 0 for a point built in code.</summary>
    public int Line { get; init; }
}
