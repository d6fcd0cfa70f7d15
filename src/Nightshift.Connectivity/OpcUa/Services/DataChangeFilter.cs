using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// A data-change filter of a monitored item (Part 4, 7.22.2): the trigger and an absolute or percent deadband.
/// Immutable and thread-safe.
/// </summary>
public sealed record DataChangeFilter(DataChangeTrigger Trigger = DataChangeTrigger.StatusValue, DeadbandType DeadbandType = DeadbandType.None, double DeadbandValue = 0)
{
    internal ExtensionObject ToExtensionObject()
    {
        using var writer = new OpcUaBinaryWriter(32);
        writer.WriteInt32((int)Trigger);
        writer.WriteUInt32((uint)DeadbandType);
        writer.WriteDouble(DeadbandValue);
        return new ExtensionObject(NodeId.FromNumeric(0, ObjectIds.DataChangeFilter), ExtensionObjectEncoding.Binary, writer.ToArray());
    }
}
