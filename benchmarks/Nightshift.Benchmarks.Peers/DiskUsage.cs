namespace Nightshift.Benchmarks.Peers;

/// <summary>Sizes of data directories on disk. Thread-safe (no state).</summary>
public static class DiskUsage
{
    /// <summary>The total length of all files under <paramref name="folder"/>, in bytes (0 when it does not exist).</summary>
    public static long Of(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        long total = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            try
            {
                total += file.Length;
            }
            catch (FileNotFoundException)
            {
                // A file removed between listing and sizing (a merged part, a recycled WAL segment) has no size left.
            }
        }

        return total;
    }
}
