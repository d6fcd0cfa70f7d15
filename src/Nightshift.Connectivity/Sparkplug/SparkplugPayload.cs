namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// A decoded (or to be encoded) Sparkplug B payload. <see cref="Timestamp"/> is UTC; <see cref="Seq"/> is 0..255
/// and absent on NDEATH. <see cref="SkippedMetrics"/> counts metrics of kinds Nightshift does not carry
/// (DataSet, Template, Bytes, File, arrays, PropertySet), which decoding leaves out. Immutable and thread-safe.
/// </summary>
public sealed record SparkplugPayload(DateTime? Timestamp, ulong? Seq, IReadOnlyList<SparkplugMetric> Metrics)
{
    /// <summary>How many metrics decoding skipped because their kind is not supported.</summary>
    public int SkippedMetrics { get; init; }
}
