using Nightshift.Core.Samples;

namespace Nightshift.Twins.Equipment;

/// <summary>
/// Sends a written value to the device that feeds a tag (a Sparkplug DCMD/NCMD, a Modbus write, an OPC UA Write).
/// Implemented by the host, which knows the plant model and the connectors; used by equipment twins for
/// <see cref="IEquipmentGrain.WriteTagAsync"/>. Implementations are thread-safe and return once the device's connection
/// has taken the write (not when the device shows the value: the twin confirms that by read-back).
/// </summary>
public interface ITagWriter
{
    /// <exception cref="TagWriteException">The tag is not writable, no connection reaches its device, or the device refused.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    ValueTask WriteAsync(string tenant, string equipmentPath, string tag, SampleValue value, CancellationToken cancellationToken);
}
