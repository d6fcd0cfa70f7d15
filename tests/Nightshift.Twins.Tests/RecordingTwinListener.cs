using System.Collections.Concurrent;
using Nightshift.Twins.Equipment;

namespace Nightshift.Twins.Tests;

/// <summary>A twin listener that keeps every call, in order, so that tests can see what the grains reported. Thread-safe.</summary>
public sealed class RecordingTwinListener : ITwinListener
{
    private readonly ConcurrentQueue<StateChange> _stateChanges = new();
    private readonly ConcurrentQueue<OnlineChange> _onlineChanges = new();

    public void StateChanged(string tenant, string equipmentPath, string? previous, string current, DateTime timestamp) =>
        _stateChanges.Enqueue(new StateChange(tenant, equipmentPath, previous, current, timestamp));

    public void OnlineChanged(string tenant, string equipmentPath, bool online, DateTime timestamp) =>
        _onlineChanges.Enqueue(new OnlineChange(tenant, equipmentPath, online, timestamp));

    /// <summary>The state changes reported for one equipment, oldest first.</summary>
    public IReadOnlyList<StateChange> StateChangesOf(string tenant, string equipmentPath) =>
        [.. _stateChanges.Where(c => c.Tenant == tenant && c.EquipmentPath == equipmentPath)];

    /// <summary>The online changes reported for one equipment, oldest first.</summary>
    public IReadOnlyList<OnlineChange> OnlineChangesOf(string tenant, string equipmentPath) =>
        [.. _onlineChanges.Where(c => c.Tenant == tenant && c.EquipmentPath == equipmentPath)];
}
