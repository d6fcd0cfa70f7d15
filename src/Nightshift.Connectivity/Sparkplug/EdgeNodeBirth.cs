namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// What an edge node announces in its birth certificates: its own metrics (NBIRTH) and, per device id,
/// the metrics of each device (DBIRTH). Values are the current values. Aliases are assigned by the edge node.
/// </summary>
public sealed record EdgeNodeBirth(IReadOnlyList<SparkplugMetric> NodeMetrics, IReadOnlyDictionary<string, IReadOnlyList<SparkplugMetric>> Devices);
