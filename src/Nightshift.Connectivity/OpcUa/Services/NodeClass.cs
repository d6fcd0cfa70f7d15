namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>The classes of OPC UA nodes (Part 3, 8.29); flags, so that they also form Browse's node class mask.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members are the node classes of the specification.")]
public enum NodeClass
{
    Unspecified = 0,
    Object = 1,
    Variable = 2,
    Method = 4,
    ObjectType = 8,
    VariableType = 16,
    ReferenceType = 32,
    DataType = 64,
    View = 128,
}
