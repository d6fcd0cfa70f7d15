using System.Globalization;

namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// The command line of the benchmark: the size of the data set (tags × points per tag at 1 Hz), the seed, how often
/// each query is repeated, and which systems to run. Immutable.
/// </summary>
/// <param name="Quick">The quick mode (a small data set, fewer repetitions; under a minute in all).</param>
/// <param name="Tags">The number of tags (series).</param>
/// <param name="PointsPerTag">The points per tag, one per second.</param>
/// <param name="Seed">The virtual plant's seed.</param>
/// <param name="TrendRuns">How often the trend query is timed per system.</param>
/// <param name="AggregateRuns">How often the aggregate query is timed per system.</param>
/// <param name="WorkFolder">The folder under which every system's data directory is made (deleted at the end).</param>
/// <param name="Systems">The systems to run, by key: nightshift, nightshift-http, vm, influx, pg.</param>
/// <param name="NightshiftExecutable">The <c>nightshift</c> executable for the HTTP run, or null to look for the Release build of src/Nightshift.Cli.</param>
public sealed record BenchOptions(
    bool Quick,
    int Tags,
    int PointsPerTag,
    int Seed,
    int TrendRuns,
    int AggregateRuns,
    string WorkFolder,
    IReadOnlySet<string> Systems,
    string? NightshiftExecutable)
{
    /// <summary>The quick data set: 20 tags × 1 day at 1 Hz.</summary>
    public const int QuickTags = 20;

    /// <summary>Points per tag of the quick data set (1 day at 1 Hz).</summary>
    public const int QuickPoints = 86_400;

    /// <summary>The full data set: 100 tags × 7 days at 1 Hz.</summary>
    public const int FullTags = 100;

    /// <summary>Points per tag of the full data set (7 days at 1 Hz).</summary>
    public const int FullPoints = 7 * 86_400;

    /// <summary>The total number of points.</summary>
    public long TotalPoints => (long)Tags * PointsPerTag;

    /// <summary>The usage text.</summary>
    public static string Usage =>
        """
        nightshift-bench-peers [--quick] [--tags N] [--points M] [--seed S] [--systems nightshift,nightshift-http,vm,influx,pg] [--work DIR] [--nightshift PATH]
          --quick     20 tags x 86,400 points (1 day at 1 Hz) = 1,728,000 points; finishes in under a minute
          (default)   100 tags x 604,800 points (7 days at 1 Hz) = 60,480,000 points; needs several GB of memory
        """;

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An argument is unknown or out of range.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        int? tags = null;
        int? points = null;
        var seed = 42;
        var work = Path.Combine(Path.GetTempPath(), "nightshift-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        IReadOnlySet<string> systems = new HashSet<string>(["nightshift", "nightshift-http", "vm", "influx", "pg"], StringComparer.Ordinal);
        string? executable = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--tags":
                    tags = ParsePositive(args, ++i);
                    break;
                case "--points":
                    points = ParsePositive(args, ++i);
                    break;
                case "--seed":
                    seed = ParsePositive(args, ++i);
                    break;
                case "--nightshift":
                    executable = Value(args, ++i);
                    break;
                case "--work":
                    work = Value(args, ++i);
                    break;
                case "--systems":
                    systems = new HashSet<string>(Value(args, ++i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'", nameof(args));
            }
        }

        return new BenchOptions(
            quick,
            tags ?? (quick ? QuickTags : FullTags),
            points ?? (quick ? QuickPoints : FullPoints),
            seed,
            quick ? 30 : 200,
            quick ? 5 : 20,
            work,
            systems,
            executable);
    }

    private static string Value(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"'{args[i - 1]}' needs a value", nameof(args));

    private static int ParsePositive(IReadOnlyList<string> args, int i)
    {
        var text = Value(args, i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{args[i - 1]}' needs a positive whole number, not '{text}'", nameof(args));
    }
}
