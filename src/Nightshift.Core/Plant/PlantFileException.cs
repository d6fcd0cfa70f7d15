using System.Text;

namespace Nightshift.Core.Plant;

/// <summary>
/// Thrown by <see cref="PlantFileLoader"/> when a plant file cannot be loaded. <see cref="Errors"/> holds every
/// problem found (not just the first), ordered by line and column; the message lists them all, one per line.
/// Immutable once thrown.
/// </summary>
public sealed class PlantFileException : Exception
{
    public PlantFileException()
        : this([])
    {
    }

    public PlantFileException(string message)
        : base(message)
    {
        Errors = [];
    }

    public PlantFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception for the given errors; the message lists them all.</summary>
    public PlantFileException(IReadOnlyList<PlantFileError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for the given errors, caused by <paramref name="innerException"/> (e.g. an I/O error).</summary>
    public PlantFileException(IReadOnlyList<PlantFileError> errors, Exception innerException)
        : base(Describe(errors), innerException)
    {
        Errors = errors;
    }

    /// <summary>Every problem found, ordered by line and column.</summary>
    public IReadOnlyList<PlantFileError> Errors { get; }

    private static string Describe(IReadOnlyList<PlantFileError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            return "The plant file could not be loaded.";
        }

        var builder = new StringBuilder();
        builder.Append(errors[0].File).Append(": ");
        builder.Append(errors.Count == 1 ? "1 error" : $"{errors.Count} errors");
        foreach (var error in errors)
        {
            builder.AppendLine().Append("  ").Append(error);
        }

        return builder.ToString();
    }
}
