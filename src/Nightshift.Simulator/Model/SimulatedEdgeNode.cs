namespace Nightshift.Simulator.Model;

/// <summary>
/// One Sparkplug edge node of the virtual plant (a production line or a utility) and its devices. Immutable
/// structure; the devices' values change as the plant advances.
/// </summary>
public sealed class SimulatedEdgeNode
{
    internal SimulatedEdgeNode(string id, IReadOnlyList<SimulatedDevice> devices)
    {
        Id = id;
        Devices = devices;
    }

    /// <summary>The Sparkplug edge node id, also the line id in the plant file.</summary>
    public string Id { get; }

    public IReadOnlyList<SimulatedDevice> Devices { get; }

    /// <summary>The device with the given id.</summary>
    /// <exception cref="KeyNotFoundException">The edge node has no such device.</exception>
    public SimulatedDevice GetDevice(string id) =>
        Devices.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"edge node '{Id}' has no device '{id}'");
}
