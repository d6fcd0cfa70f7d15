using Nightshift.Core.Assets;

namespace Nightshift.Core.Plant;

/// <summary>
/// Loads a plant file (YAML; see <c>docs/plant-files.md</c> and <c>docs/schemas/plant.schema.json</c>) into a
/// <see cref="PlantModel"/>. Every problem in the file is collected, each with its file, line, column and field,
/// before one <see cref="PlantFileException"/> reports them all; no other exception comes from the content of a
/// file. Stateless and thread-safe.
/// </summary>
public static class PlantFileLoader
{
    /// <summary>The largest file <see cref="LoadFile"/> reads: a plant file is configuration, not data.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Loads a plant from YAML text.</summary>
    /// <param name="fileName">The name errors give for the file, e.g. <c>plants/virtual-plant.yaml</c>.</param>
    /// <param name="yamlText">The content of the file.</param>
    /// <param name="defaultTenant">The tenant when the file names none.</param>
    /// <exception cref="PlantFileException">The file has one or more errors; all of them are listed.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PlantModel Load(string fileName, string yamlText, string defaultTenant)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(defaultTenant);
        var reader = new PlantFileReader(fileName);
        return reader.Read(yamlText, defaultTenant) ?? throw new PlantFileException(reader.Errors);
    }

    /// <summary>Reads and loads a plant file; errors name the file by <paramref name="path"/> as given.</summary>
    /// <exception cref="PlantFileException">The file cannot be read, is larger than <see cref="MaxFileBytes"/>, or has errors.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or not a valid path.</exception>
    public static PlantModel LoadFile(string path, string defaultTenant)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            ThrowIfTooLarge(path, stream);
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e);
        }

        return Load(path, text, defaultTenant);
    }

    /// <summary>Reads and loads a plant file without blocking a thread on the read.</summary>
    /// <exception cref="PlantFileException">The file cannot be read, is larger than <see cref="MaxFileBytes"/>, or has errors.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<PlantModel> LoadFileAsync(string path, string defaultTenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                ThrowIfTooLarge(path, stream);
                using var reader = new StreamReader(stream);
                text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e);
        }

        return Load(path, text, defaultTenant);
    }

    private static void ThrowIfTooLarge(string path, FileStream stream)
    {
        if (stream.Length > MaxFileBytes)
        {
            throw new PlantFileException([new PlantFileError(path, 0, 0, string.Empty, $"the file is {stream.Length} bytes long; a plant file may have at most {MaxFileBytes}")]);
        }
    }

    private static PlantFileException Unreadable(string path, Exception e) =>
        new([new PlantFileError(path, 0, 0, string.Empty, $"cannot read the file: {e.Message}")], e);
}
