using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Server.Connectors;

/// <summary>One monitored variable: the tag name it feeds, its node and an optional absolute deadband.</summary>
public sealed record OpcUaItem(string Name, NodeId NodeId, double? Deadband);
