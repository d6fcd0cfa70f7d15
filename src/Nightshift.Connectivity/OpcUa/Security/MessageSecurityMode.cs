namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>The security mode of a secure channel (OPC UA Part 4, 7.20); the numeric values are those on the wire.</summary>
public enum MessageSecurityMode
{
    /// <summary>Not valid on the wire; the default of an unset field.</summary>
    Invalid = 0,

    /// <summary>No signature, no encryption.</summary>
    None = 1,

    /// <summary>Every chunk is signed.</summary>
    Sign = 2,

    /// <summary>Every chunk is signed and encrypted.</summary>
    SignAndEncrypt = 3,
}
