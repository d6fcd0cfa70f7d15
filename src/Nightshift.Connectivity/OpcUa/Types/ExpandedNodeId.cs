namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// A node id that may name its namespace by URI instead of index, and may live on another server (Part 4, 7.16).
/// Immutable and thread-safe.
/// </summary>
/// <param name="NodeId">The node id; its namespace index is 0 when <paramref name="NamespaceUri"/> is set.</param>
/// <param name="NamespaceUri">The namespace URI, or null.</param>
/// <param name="ServerIndex">The index of the server in the server table; 0 for the local server.</param>
public sealed record ExpandedNodeId(NodeId NodeId, string? NamespaceUri = null, uint ServerIndex = 0)
{
    public static ExpandedNodeId Null { get; } = new(NodeId.Null);

    /// <summary>True when the node lives on the server that was asked (no namespace URI, server index 0).</summary>
    public bool IsLocal => NamespaceUri is null && ServerIndex == 0;

    public override string ToString() =>
        (ServerIndex != 0 ? $"svr={ServerIndex};" : string.Empty) + (NamespaceUri is null ? string.Empty : $"nsu={NamespaceUri};") + NodeId;
}
