using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>Where <see cref="OpcUaClient.ImportAddressSpaceAsync"/> starts and how far it goes. Immutable and thread-safe.</summary>
public sealed record OpcUaImportOptions
{
    /// <summary>The node to start from; the Objects folder by default.</summary>
    public NodeId Root { get; init; } = ReferenceTypeIds.ObjectsFolder;

    /// <summary>How many levels of objects below the root to follow.</summary>
    public int MaxDepth { get; init; } = 10;

    /// <summary>The most nodes to import; browsing stops there.</summary>
    public int MaxNodes { get; init; } = 100_000;

    /// <summary>Whether to skip the Server object (i=2253), which holds the server's own diagnostics.</summary>
    public bool SkipServerObject { get; init; } = true;
}
