using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// An OPC UA request failed as a whole: a ServiceFault or a bad service result, an Error message or abort chunk from the
/// server, a timeout, or a lost connection. <see cref="Status"/> holds the status code (e.g. <c>BadIdentityTokenRejected</c>,
/// <c>BadTimeout</c>, <c>BadConnectionClosed</c>).
/// </summary>
public sealed class OpcUaServiceException : Exception
{
    public OpcUaServiceException()
        : this(StatusCode.BadUnexpectedError, "The OPC UA request failed.")
    {
    }

    public OpcUaServiceException(string message)
        : this(StatusCode.BadUnexpectedError, message)
    {
    }

    public OpcUaServiceException(string message, Exception innerException)
        : base(message, innerException) => Status = StatusCode.BadUnexpectedError;

    public OpcUaServiceException(StatusCode status, string message)
        : base($"{message} ({status})") => Status = status;

    public OpcUaServiceException(StatusCode status, string message, Exception? innerException)
        : base($"{message} ({status})", innerException) => Status = status;

    /// <summary>The status code of the failure.</summary>
    public StatusCode Status { get; }
}
