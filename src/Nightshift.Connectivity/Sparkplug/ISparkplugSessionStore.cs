namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// Where the host application keeps the Sparkplug session of each edge node (bdSeq, seq, birth metrics, device states)
/// so that a restart or another cluster node can continue it. Implementations are thread-safe.
/// </summary>
public interface ISparkplugSessionStore
{
    /// <summary>The stored session of an edge node of a tenant, or null when there is none.</summary>
    ValueTask<SparkplugSessionState?> LoadAsync(string tenant, string groupId, string edgeNodeId, CancellationToken ct);

    /// <summary>Stores (replaces) the session of <paramref name="state"/>'s edge node in <paramref name="tenant"/>.</summary>
    ValueTask SaveAsync(string tenant, SparkplugSessionState state, CancellationToken ct);
}
