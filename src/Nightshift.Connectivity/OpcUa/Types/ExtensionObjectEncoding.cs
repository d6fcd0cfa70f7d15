namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>How the body of an <see cref="ExtensionObject"/> is encoded (Part 6, 5.2.2.15).</summary>
public enum ExtensionObjectEncoding : byte
{
    /// <summary>No body.</summary>
    None = 0,

    /// <summary>An OPC UA binary body.</summary>
    Binary = 1,

    /// <summary>An XML body (UTF-8).</summary>
    Xml = 2,
}
