using Microsoft.Extensions.Logging;

namespace Nightshift.Twins.Equipment;

/// <summary>
/// The twin of one piece of equipment. Updates are applied in memory on the grain's turn; the state is written
/// to storage at most every <see cref="PersistInterval"/> and when the grain deactivates, so a burst of samples
/// costs one write, not one per sample.
/// </summary>
public sealed partial class EquipmentGrain : Grain, IEquipmentGrain
{
    public const string StorageName = "twins";
    private const string OfflineState = "Offline";
    private static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(5);

    private readonly IPersistentState<EquipmentTwinState> _state;
    private readonly ITwinListener _listener;
    private readonly ITagWriter? _writer;
    private readonly ILogger<EquipmentGrain> _logger;
    private string _tenant = string.Empty;
    private string _path = string.Empty;
    private bool _dirty;

    public EquipmentGrain(
        [PersistentState("equipment", StorageName)] IPersistentState<EquipmentTwinState> state,
        ITwinListener listener,
        IEnumerable<ITagWriter> writers,
        ILogger<EquipmentGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(writers);
        _state = state;
        _listener = listener;
        _writer = writers.FirstOrDefault();
        _logger = logger;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _path) = TwinKeys.Split(this.GetPrimaryKeyString());
        this.RegisterGrainTimer(PersistIfDirtyAsync, PersistInterval, PersistInterval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        PersistIfDirtyAsync(cancellationToken);

    public Task ApplyAsync(IReadOnlyList<TagUpdate> updates, string stateTag)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var state = _state.State;
        foreach (var update in updates)
        {
            if (state.Tags.TryGetValue(update.Tag, out var previous) && previous.Timestamp > update.Value.Timestamp)
            {
                continue; // a late sample goes to history but does not replace a newer latest value
            }

            state.Tags[update.Tag] = update.Value;
            ConfirmPendingWrites(update);
            state.LastUpdate = update.Value.Timestamp > state.LastUpdate ? update.Value.Timestamp : state.LastUpdate;
            if (string.Equals(update.Tag, stateTag, StringComparison.Ordinal) && update.Value.Text is { Length: > 0 } newState)
            {
                ChangeState(newState, update.Value.Timestamp);
            }
        }

        state.SamplesReceived += updates.Count;
        if (!state.Online && updates.Count > 0)
        {
            state.Online = true;
            if (state.State == OfflineState && state.StateBeforeOffline is { } before)
            {
                // Data flows again and did not report a state of its own: the state before the outage holds again.
                ChangeState(before, state.LastUpdate > state.StateSince ? state.LastUpdate : state.StateSince);
            }

            _listener.OnlineChanged(_tenant, _path, true, state.LastUpdate);
        }

        _dirty = true;
        return Task.CompletedTask;
    }

    public Task SetOnlineAsync(bool online, uint quality, DateTime timestamp)
    {
        var state = _state.State;
        if (state.Online == online)
        {
            return Task.CompletedTask;
        }

        state.Online = online;
        if (!online)
        {
            foreach (var (tag, value) in state.Tags.ToList())
            {
                state.Tags[tag] = value with { Quality = quality, Timestamp = timestamp > value.Timestamp ? timestamp : value.Timestamp };
            }

            state.StateBeforeOffline = state.State;
            ChangeState(OfflineState, timestamp);
        }
        else if (state.State == OfflineState && state.StateBeforeOffline is { } before)
        {
            ChangeState(before, timestamp);
        }

        LogOnlineChanged(_logger, _tenant, _path, online);
        _listener.OnlineChanged(_tenant, _path, online, timestamp);
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<EquipmentSnapshot> GetSnapshotAsync()
    {
        var s = _state.State;
        return Task.FromResult(new EquipmentSnapshot(
            _tenant, _path, new Dictionary<string, TagValue>(s.Tags, StringComparer.Ordinal), s.State, s.StateSince, s.Online, s.SamplesReceived, s.StateChanges, s.LastUpdate));
    }

    private void ChangeState(string newState, DateTime timestamp)
    {
        var state = _state.State;
        if (string.Equals(state.State, newState, StringComparison.Ordinal))
        {
            return;
        }

        var previous = state.State;
        state.State = newState;
        state.StateSince = timestamp;
        state.StateChanges++;
        _listener.StateChanged(_tenant, _path, previous, newState, timestamp);
    }

    private async Task PersistIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        try
        {
            await _state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _dirty = true;
            LogPersistFailed(_logger, ex, _tenant, _path);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Equipment {Tenant}/{Path} is now online: {Online}")]
    private static partial void LogOnlineChanged(ILogger logger, string tenant, string path, bool online);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Could not persist the twin of {Tenant}/{Path}; will retry")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception, string tenant, string path);
}
