using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Nightshift.Benchmarks;

/// <summary>
/// Entry point: hands the command line to BenchmarkDotNet's switcher, so <c>--filter '*'</c> runs every benchmark
/// class and <c>--job short</c> makes a quick run. Reports go to <c>artifacts/benchmarks</c> under the working folder
/// (ignored by git when run from the repository root; <c>--artifacts</c> picks another). Runs once per process.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by <paramref name="args"/>.</summary>
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
