namespace Nightshift.Twins.EdgeNodes;

/// <summary>The edge node twin. Sessions are saved on births and deaths and by the host's write-behind of the sequence.</summary>
public sealed class EdgeNodeGrain : Grain, IEdgeNodeGrain
{
    private readonly IPersistentState<EdgeNodeState> _state;

    public EdgeNodeGrain([PersistentState("edgenode", Equipment.EquipmentGrain.StorageName)] IPersistentState<EdgeNodeState> state)
    {
        _state = state;
    }

    public Task<EdgeNodeSession?> GetSessionAsync() => Task.FromResult(_state.State.Session);

    public Task<EdgeNodeState> GetStateAsync() => Task.FromResult(_state.State);

    public async Task SaveSessionAsync(EdgeNodeSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var previous = _state.State.Session;
        if (session.Online && (previous is null || !previous.Online || previous.BirthTime != session.BirthTime))
        {
            _state.State.Births++;
        }
        else if (!session.Online && previous is { Online: true })
        {
            _state.State.Deaths++;
        }

        _state.State.Session = session;
        await _state.WriteStateAsync();
    }
}
