namespace Nightshift.Twins.Equipment;

/// <summary>
/// Told by equipment twins about changes worth an event or a live push. Implemented by the host
/// (journal, SignalR fan-out); called on the grain's turn, so implementations must return quickly.
/// </summary>
public interface ITwinListener
{
    void StateChanged(string tenant, string equipmentPath, string? previous, string current, DateTime timestamp);

    void OnlineChanged(string tenant, string equipmentPath, bool online, DateTime timestamp);
}
