namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>The kind of identifier of a <see cref="NodeId"/> (Part 3, 8.2.3).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name the identifier types of the specification.")]
public enum NodeIdType : byte
{
    /// <summary>A UInt32 (<c>i=</c>).</summary>
    Numeric = 0,

    /// <summary>A string (<c>s=</c>).</summary>
    String = 1,

    /// <summary>A GUID (<c>g=</c>).</summary>
    Guid = 2,

    /// <summary>A byte string (<c>b=</c>, base64).</summary>
    Opaque = 3,
}
