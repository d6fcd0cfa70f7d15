namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// The persisted Sparkplug session of one edge node: the bdSeq of its current birth, the last seq received (0..255,
/// -1 for none), whether it is online, when it was born (UTC), the metrics of its NBIRTH and of each device's DBIRTH,
/// and which devices are online. A plain immutable record.
/// </summary>
public sealed record SparkplugSessionState(
    string GroupId,
    string EdgeNodeId,
    long? BdSeq,
    int LastSeq,
    bool Online,
    DateTime? BirthTime,
    IReadOnlyList<SparkplugMetricDefinition> NodeMetrics,
    IReadOnlyDictionary<string, IReadOnlyList<SparkplugMetricDefinition>> DeviceMetrics,
    IReadOnlyDictionary<string, bool> DeviceOnline);
