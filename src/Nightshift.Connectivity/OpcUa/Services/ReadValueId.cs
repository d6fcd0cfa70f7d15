using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>An attribute of a node to read or monitor (Part 4, 7.29); the Value attribute by default. Immutable and thread-safe.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="AttributeId">The attribute (see <see cref="Services.AttributeId"/>).</param>
/// <param name="IndexRange">A numeric range of an array value (e.g. <c>1:3</c>), or null for all of it.</param>
public sealed record ReadValueId(NodeId NodeId, uint AttributeId = Services.AttributeId.Value, string? IndexRange = null)
{
    internal void Write(OpcUaBinaryWriter writer)
    {
        writer.WriteNodeId(NodeId);
        writer.WriteUInt32(AttributeId);
        writer.WriteString(IndexRange);
        writer.WriteQualifiedName(QualifiedName.Null);
    }
}
