using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>A value to write to an attribute of a node (Part 4, 5.10.4); the Value attribute by default. Immutable and thread-safe.</summary>
public sealed record WriteValue(NodeId NodeId, DataValue Value, uint AttributeId = Services.AttributeId.Value, string? IndexRange = null);
