namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// OPC UA binary data could not be decoded (truncated, malformed, or beyond the configured limits); maps to
/// <c>BadDecodingError</c>. <see cref="Exception.Message"/> says why.
/// </summary>
public sealed class OpcUaFormatException : FormatException
{
    public OpcUaFormatException()
    {
    }

    public OpcUaFormatException(string message)
        : base(message)
    {
    }

    public OpcUaFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
