using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// What to browse from one node (Part 4, 5.8.2): the direction, the reference type (hierarchical references and their
/// subtypes by default) and which node classes to return (0 = all). Immutable and thread-safe.
/// </summary>
public sealed record BrowseDescription(NodeId NodeId)
{
    public BrowseDirection Direction { get; init; } = BrowseDirection.Forward;

    public NodeId ReferenceTypeId { get; init; } = ReferenceTypeIds.HierarchicalReferences;

    public bool IncludeSubtypes { get; init; } = true;

    public NodeClass NodeClassMask { get; init; } = NodeClass.Unspecified;

    internal void Write(OpcUaBinaryWriter writer)
    {
        writer.WriteNodeId(NodeId);
        writer.WriteInt32((int)Direction);
        writer.WriteNodeId(ReferenceTypeId);
        writer.WriteBoolean(IncludeSubtypes);
        writer.WriteUInt32((uint)NodeClassMask);
        writer.WriteUInt32(0x3F);
    }
}
