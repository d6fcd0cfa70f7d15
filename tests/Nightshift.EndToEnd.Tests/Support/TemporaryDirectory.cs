namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>Creates and removes the temporary folders of the tests (data folders, browser profiles). Thread-safe.</summary>
public static class TemporaryDirectory
{
    /// <summary>Creates <c>{temp}/nightshift-e2e-{purpose}-{random}</c> and returns its full path.</summary>
    public static string Create(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nightshift-e2e-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Removes a folder and its contents; a folder that cannot be removed is left behind.</summary>
    public static void Delete(string? path)
    {
        if (path is null || !Directory.Exists(path))
        {
            return;
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temp folder; not worth failing a test for.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
