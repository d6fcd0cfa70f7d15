using Nightshift.Core.Assets;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// A variable found by <see cref="OpcUaClient.ImportAddressSpaceAsync"/>: its node id, its browse path from the import
/// root (browse names joined by '/'), its data type (node id, built-in type where known, and the Nightshift tag type it
/// maps to) and its value rank (-1 scalar, 1 array, ...). Immutable and thread-safe.
/// </summary>
public sealed record OpcUaImportedVariable(
    NodeId NodeId, string BrowsePath, string Name, string DisplayName, NodeId DataType, BuiltInType? BuiltInType, TagDataType TagDataType, int ValueRank);
