using System.Reflection;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// Where the pieces of the repository are, found from the test assembly: the root (the folder holding
/// <c>Nightshift.slnx</c>), the built <c>nightshift.dll</c> of the configuration this assembly was built with, and the
/// Node.js interop scripts. Immutable and thread-safe.
/// </summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root.</summary>
    /// <exception cref="InvalidOperationException">No <c>Nightshift.slnx</c> above the test assembly.</exception>
    public static string Root => LazyRoot.Value;

    /// <summary>Debug or Release: the configuration the test assembly (and so the CLI it depends on) was built with.</summary>
    public static string Configuration =>
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Release";

    /// <summary>The folder of the Node.js interop peers (<c>tests/interop</c>).</summary>
    public static string InteropDirectory => Path.Combine(Root, "tests", "interop");

    /// <summary>The built CLI, <c>src/Nightshift.Cli/bin/{Configuration}/net10.0/nightshift.dll</c>.</summary>
    /// <exception cref="FileNotFoundException">The CLI is not built in this configuration.</exception>
    public static string CliDll
    {
        get
        {
            var path = Path.Combine(Root, "src", "Nightshift.Cli", "bin", Configuration, "net10.0", "nightshift.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException(
                    $"The nightshift command is not built: {path} is missing. Build it first: dotnet build src/Nightshift.Cli -c {Configuration} (scripts/test.sh builds everything).",
                    path);
        }
    }

    /// <summary>The plant file of the virtual plant as copied next to the CLI.</summary>
    public static string VirtualPlantFile => Path.Combine(Path.GetDirectoryName(CliDll)!, "plants", "virtual-plant.yaml");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Nightshift.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Nightshift.slnx in {AppContext.BaseDirectory} or any folder above it; run the tests from the repository.");
    }
}
