namespace Nightshift.Twins.Equipment;

/// <summary>
/// The live twin of one piece of equipment, keyed by <see cref="TwinKeys.Equipment"/>: the latest value and
/// quality of every tag, the current state of its state model, and counters. State is persisted write-behind.
/// </summary>
public interface IEquipmentGrain : IGrainWithStringKey
{
    /// <param name="updates">New tag values, in time order.</param>
    /// <param name="stateTag">The tag whose string value is the equipment state (from its type's state model).</param>
    Task ApplyAsync(IReadOnlyList<TagUpdate> updates, string stateTag);

    /// <summary>The source went offline (every tag takes <paramref name="quality"/>, state Offline) or came back.</summary>
    Task SetOnlineAsync(bool online, uint quality, DateTime timestamp);

    Task<EquipmentSnapshot> GetSnapshotAsync();
}
