namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>The operation limits a server announces under Server/ServerCapabilities/OperationLimits (0 = no limit). Immutable.</summary>
public sealed record OpcUaServerLimits(uint MaxNodesPerRead, uint MaxNodesPerWrite, uint MaxNodesPerBrowse, uint MaxMonitoredItemsPerCall);
