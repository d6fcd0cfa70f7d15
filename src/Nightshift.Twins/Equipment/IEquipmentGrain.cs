using Orleans.Concurrency;

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

    /// <summary>
    /// Writes a value to a tag of the equipment's device (through the host's <see cref="ITagWriter"/>) and waits up to
    /// <paramref name="confirmWithin"/> for the device to report the written value back (read-back confirmation: a Good
    /// sample of the tag reported after the write was sent, or already current, equal to the value — numbers within a relative 1e-6, so a float32
    /// register still confirms). Interleaves with the updates it waits for. Who may write is decided by the caller.
    /// </summary>
    [AlwaysInterleave]
    Task<TagWriteResult> WriteTagAsync(string tag, TagValue value, TimeSpan confirmWithin);
}
