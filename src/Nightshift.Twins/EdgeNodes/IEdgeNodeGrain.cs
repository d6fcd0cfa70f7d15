namespace Nightshift.Twins.EdgeNodes;

/// <summary>
/// The twin of one Sparkplug edge node, keyed by <see cref="TwinKeys.EdgeNode"/>: its session (births, aliases,
/// sequence) so that the primary host can resume after a restart.
/// </summary>
public interface IEdgeNodeGrain : IGrainWithStringKey
{
    Task<EdgeNodeSession?> GetSessionAsync();

    Task<EdgeNodeState> GetStateAsync();

    Task SaveSessionAsync(EdgeNodeSession session);
}
