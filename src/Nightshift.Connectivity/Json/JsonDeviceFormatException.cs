namespace Nightshift.Connectivity.Json;

/// <summary>A JSON device message could not be decoded; <see cref="Exception.Message"/> says why.</summary>
public sealed class JsonDeviceFormatException : FormatException
{
    public JsonDeviceFormatException()
    {
    }

    public JsonDeviceFormatException(string message)
        : base(message)
    {
    }

    public JsonDeviceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
