namespace Nightshift.Twins.Equipment;

/// <summary>A write to a tag was refused before it reached the device, or the device refused it; the message says why.</summary>
public sealed class TagWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TagWriteException()
        : base("The write was refused.")
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public TagWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public TagWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
