namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// What one system measured: ingest rate (points/s), bytes per point on disk, trend query p50/p99 and aggregate query
/// p50 (milliseconds), or why it could not run (<see cref="Unavailable"/>). Immutable.
/// </summary>
public sealed record SystemResult(string Name, string Key)
{
    /// <summary>Why the system could not be measured (not installed, did not start, failed), or null.</summary>
    public string? Unavailable { get; init; }

    /// <summary>Points stored per second of wall time, end to end (send until flushed/acknowledged).</summary>
    public double IngestPointsPerSecond { get; init; }

    /// <summary>Size of the system's data directory after the flush, divided by the number of points.</summary>
    public double BytesPerPoint { get; init; }

    /// <summary>The 1-day trend query (1000 points), median, in ms (null: not measured).</summary>
    public double? TrendP50Ms { get; init; }

    /// <summary>The 1-day trend query, 99th percentile, in ms.</summary>
    public double? TrendP99Ms { get; init; }

    /// <summary>The hourly aggregate of the aggregate tags over the aggregate range, median, in ms.</summary>
    public double? AggregateP50Ms { get; init; }

    /// <summary>Remarks printed under the table (what exactly was measured).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>A result for a system that could not run.</summary>
    public static SystemResult NotAvailable(string name, string key, string reason) => new(name, key) { Unavailable = reason };
}
