using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// An object or folder found by <see cref="OpcUaClient.ImportAddressSpaceAsync"/>, with the objects below it and its
/// variables: the shape of an asset model (objects become assets, variables their tags). Immutable and thread-safe.
/// </summary>
public sealed record OpcUaImportedObject(
    NodeId NodeId, string BrowsePath, string Name, string DisplayName, IReadOnlyList<OpcUaImportedObject> Objects, IReadOnlyList<OpcUaImportedVariable> Variables)
{
    /// <summary>All variables of this object and the objects below it.</summary>
    public IEnumerable<OpcUaImportedVariable> AllVariables() => Variables.Concat(Objects.SelectMany(o => o.AllVariables()));
}
