namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// The live Sparkplug session of one edge node of one tenant (host side): bdSeq, seq, birth metrics, devices.
/// Access is serialized by <see cref="Lock"/>, an async lock because the sink is awaited while it is held.
/// The lock is never disposed: its wait handle is never created, and a message still in flight while the host
/// shuts down must not meet a disposed lock.
/// </summary>
internal sealed class SparkplugNodeSession
{
    public SparkplugNodeSession(string tenant, string groupId, string edgeNodeId)
    {
        Tenant = tenant;
        GroupId = groupId;
        EdgeNodeId = edgeNodeId;
        Source = $"{SparkplugTopic.Namespace}/{groupId}/{edgeNodeId}";
    }

    public string Tenant { get; }

    public string GroupId { get; }

    public string EdgeNodeId { get; }

    /// <summary>The source address of the node: <c>spBv1.0/{group}/{node}</c>.</summary>
    public string Source { get; }

    public SemaphoreSlim Lock { get; } = new(1, 1);

    public bool Loaded { get; set; }

    public long? BdSeq { get; set; }

    public int LastSeq { get; set; } = -1;

    public bool Born { get; set; }

    public bool Online { get; set; }

    public bool AwaitingRebirth { get; set; }

    public DateTime? BirthTime { get; set; }

    public DateTimeOffset? LastRebirthRequest { get; set; }

    /// <summary>True when seq moved since the session was last saved.</summary>
    public bool SequenceDirty { get; set; }

    public SparkplugMetricTable Metrics { get; } = new();

    public Dictionary<string, SparkplugDeviceSession> Devices { get; } = new(StringComparer.Ordinal);

    public string DeviceSource(string deviceId) => $"{Source}/{deviceId}";

    public SparkplugSessionState ToState() => new(
        GroupId,
        EdgeNodeId,
        BdSeq,
        LastSeq,
        Online,
        BirthTime,
        Metrics.All.ToArray(),
        Devices.Values.ToDictionary(d => d.DeviceId, d => (IReadOnlyList<SparkplugMetricDefinition>)d.Metrics.All.ToArray(), StringComparer.Ordinal),
        Devices.Values.ToDictionary(d => d.DeviceId, d => d.Online, StringComparer.Ordinal));

    public void Restore(SparkplugSessionState state)
    {
        BdSeq = state.BdSeq;
        LastSeq = state.LastSeq;
        Online = state.Online;
        Born = state.Online;
        BirthTime = state.BirthTime;
        Metrics.Clear();
        foreach (var metric in state.NodeMetrics)
        {
            Metrics.Add(metric);
        }

        Devices.Clear();
        foreach (var (deviceId, metrics) in state.DeviceMetrics)
        {
            var device = new SparkplugDeviceSession(deviceId)
            {
                Online = state.DeviceOnline.TryGetValue(deviceId, out var online) && online,
            };
            foreach (var metric in metrics)
            {
                device.Metrics.Add(metric);
            }

            Devices[deviceId] = device;
        }
    }
}
