namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>
/// A chunk failed its security checks (bad signature, bad padding, unknown token) or a certificate was refused; maps
/// to the status code <see cref="StatusCode"/> (e.g. <c>BadSecurityChecksFailed</c> 0x80130000,
/// <c>BadCertificateUntrusted</c> 0x801A0000).
/// </summary>
public sealed class OpcUaSecurityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OpcUaSecurityException()
        : this("The security checks failed.")
    {
    }

    /// <summary>Creates the exception with <c>BadSecurityChecksFailed</c>.</summary>
    public OpcUaSecurityException(string message)
        : this(message, 0x80130000u)
    {
    }

    /// <summary>Creates the exception with an inner exception and <c>BadSecurityChecksFailed</c>.</summary>
    public OpcUaSecurityException(string message, Exception innerException)
        : base(message, innerException) => StatusCode = 0x80130000u;

    /// <summary>Creates the exception with a status code.</summary>
    public OpcUaSecurityException(string message, uint statusCode)
        : base(message) => StatusCode = statusCode;

    /// <summary>The OPC UA status code of the failure.</summary>
    public uint StatusCode { get; }
}
