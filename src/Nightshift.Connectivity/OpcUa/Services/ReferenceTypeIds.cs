using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>Well-known reference types and nodes of namespace 0 (Part 5).</summary>
public static class ReferenceTypeIds
{
    public static NodeId References { get; } = NodeId.FromNumeric(0, 31);

    public static NodeId HierarchicalReferences { get; } = NodeId.FromNumeric(0, 33);

    public static NodeId Organizes { get; } = NodeId.FromNumeric(0, 35);

    public static NodeId HasTypeDefinition { get; } = NodeId.FromNumeric(0, 40);

    public static NodeId HasProperty { get; } = NodeId.FromNumeric(0, 46);

    public static NodeId HasComponent { get; } = NodeId.FromNumeric(0, 47);

    /// <summary>The Objects folder, where a server's instances start.</summary>
    public static NodeId ObjectsFolder { get; } = NodeId.FromNumeric(0, 85);

    /// <summary>The Server object.</summary>
    public static NodeId Server { get; } = NodeId.FromNumeric(0, 2253);
}
