using Nightshift.Connectivity.Sparkplug;
using Nightshift.Twins;
using Nightshift.Twins.EdgeNodes;

namespace Nightshift.Server.Twins;

/// <summary>Keeps the Sparkplug host's edge-node sessions in their <see cref="IEdgeNodeGrain"/>s, so they survive a restart.</summary>
public sealed class GrainSparkplugSessionStore(IGrainFactory grains) : ISparkplugSessionStore
{
    public async ValueTask<SparkplugSessionState?> LoadAsync(string tenant, string groupId, string edgeNodeId, CancellationToken ct)
    {
        var session = await Grain(tenant, groupId, edgeNodeId).GetSessionAsync().WaitAsync(ct);
        return session is null ? null : new SparkplugSessionState(
            session.GroupId,
            session.EdgeNodeId,
            session.BdSeq,
            session.LastSeq,
            session.Online,
            session.BirthTime,
            session.NodeMetrics.Select(ToDefinition).ToList(),
            session.Devices.ToDictionary(d => d.DeviceId, d => (IReadOnlyList<SparkplugMetricDefinition>)d.Metrics.Select(ToDefinition).ToList(), StringComparer.Ordinal),
            session.Devices.ToDictionary(d => d.DeviceId, d => d.Online, StringComparer.Ordinal));
    }

    public async ValueTask SaveAsync(string tenant, SparkplugSessionState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        var devices = state.DeviceMetrics.Keys.Union(state.DeviceOnline.Keys, StringComparer.Ordinal)
            .Select(id => new DeviceSession(
                id,
                state.DeviceOnline.GetValueOrDefault(id),
                state.DeviceMetrics.TryGetValue(id, out var metrics) ? metrics.Select(ToInfo).ToList() : []))
            .ToList();
        var session = new EdgeNodeSession(state.GroupId, state.EdgeNodeId, state.BdSeq, state.LastSeq, state.Online, state.BirthTime, state.NodeMetrics.Select(ToInfo).ToList(), devices);
        await Grain(tenant, state.GroupId, state.EdgeNodeId).SaveSessionAsync(session).WaitAsync(ct);
    }

    private IEdgeNodeGrain Grain(string tenant, string groupId, string edgeNodeId) =>
        grains.GetGrain<IEdgeNodeGrain>(TwinKeys.EdgeNode(tenant, groupId, edgeNodeId));

    private static MetricInfo ToInfo(SparkplugMetricDefinition d) => new(d.Name, d.Alias, (int)d.DataType, d.Unit);

    private static SparkplugMetricDefinition ToDefinition(MetricInfo m) => new(m.Name, m.Alias, (SparkplugDataType)m.DataType, m.Unit);
}
