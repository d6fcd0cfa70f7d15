using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>One reference found by Browse (Part 4, 7.30): the target node and what it is. Immutable and thread-safe.</summary>
public sealed record ReferenceDescription(
    NodeId ReferenceTypeId, bool IsForward, ExpandedNodeId NodeId, QualifiedName BrowseName, LocalizedText DisplayName,
    NodeClass NodeClass, ExpandedNodeId TypeDefinition)
{
    internal static ReferenceDescription Read(ref OpcUaBinaryReader reader) => new(
        reader.ReadNodeId(), reader.ReadBoolean(), reader.ReadExpandedNodeId(), reader.ReadQualifiedName(),
        reader.ReadLocalizedText(), (NodeClass)reader.ReadInt32(), reader.ReadExpandedNodeId());
}
