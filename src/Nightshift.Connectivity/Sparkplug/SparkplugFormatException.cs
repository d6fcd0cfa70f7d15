namespace Nightshift.Connectivity.Sparkplug;

/// <summary>A Sparkplug payload or topic could not be decoded; <see cref="Exception.Message"/> says why.</summary>
public sealed class SparkplugFormatException : FormatException
{
    public SparkplugFormatException()
    {
    }

    public SparkplugFormatException(string message)
        : base(message)
    {
    }

    public SparkplugFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
