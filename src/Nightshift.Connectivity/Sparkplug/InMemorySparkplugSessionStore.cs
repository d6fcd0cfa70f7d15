using System.Collections.Concurrent;

namespace Nightshift.Connectivity.Sparkplug;

/// <summary>An <see cref="ISparkplugSessionStore"/> in process memory (embedded mode and tests). Thread-safe.</summary>
public sealed class InMemorySparkplugSessionStore : ISparkplugSessionStore
{
    private readonly ConcurrentDictionary<(string Tenant, string GroupId, string EdgeNodeId), SparkplugSessionState> _sessions = new();

    /// <summary>How many sessions are stored.</summary>
    public int Count => _sessions.Count;

    public ValueTask<SparkplugSessionState?> LoadAsync(string tenant, string groupId, string edgeNodeId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_sessions.TryGetValue((tenant, groupId, edgeNodeId), out var state) ? state : null);
    }

    public ValueTask SaveAsync(string tenant, SparkplugSessionState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(state);
        ct.ThrowIfCancellationRequested();
        _sessions[(tenant, state.GroupId, state.EdgeNodeId)] = state;
        return ValueTask.CompletedTask;
    }
}
