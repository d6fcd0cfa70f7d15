using System.Globalization;

namespace Nightshift.Benchmarks.Alarms;

/// <summary>The command line of the alarm benchmark. Immutable once parsed.</summary>
public sealed record AlarmBenchOptions
{
    public const string Usage = """
        nightshift-bench-alarms [--tags N] [--tags-per-equipment N] [--sweeps N] [--rate N] [--seconds N] [--quick]
          --tags                 tags, each with a HI limit alarm (default 100000)
          --tags-per-equipment   tags per equipment, one batch per equipment (default 100)
          --sweeps               samples per tag in the throughput runs (default 20: 2,000,000 points)
          --rate                 points per second of the latency run (default 100000)
          --seconds              length of the latency run (default 20)
          --quick                10,000 tags, 5 sweeps, 5 s
          --latency-only         only the paced run
        """;

    public int Tags { get; init; } = 100_000;

    public int TagsPerEquipment { get; init; } = 100;

    public int Sweeps { get; init; } = 20;

    public int Rate { get; init; } = 100_000;

    public int Seconds { get; init; } = 20;

    public bool LatencyOnly { get; init; }

    /// <exception cref="ArgumentException">An unknown option or a value out of range.</exception>
    public static AlarmBenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new AlarmBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Tags = 10_000, Sweeps = 5, Seconds = 5 },
                "--latency-only" => options with { LatencyOnly = true, Sweeps = 1 },
                "--tags" => options with { Tags = Number(args, ++i, 100) },
                "--tags-per-equipment" => options with { TagsPerEquipment = Number(args, ++i, 1) },
                "--sweeps" => options with { Sweeps = Number(args, ++i, 1) },
                "--rate" => options with { Rate = Number(args, ++i, 100) },
                "--seconds" => options with { Seconds = Number(args, ++i, 1) },
                _ => throw new ArgumentException("unknown option " + args[i]),
            };
        }

        if (options.Tags % options.TagsPerEquipment != 0)
        {
            throw new ArgumentException("--tags must be a multiple of --tags-per-equipment");
        }

        return options;
    }

    private static int Number(IReadOnlyList<string> args, int index, int min) =>
        index < args.Count && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"{args[Math.Min(index, args.Count) - 1]} needs a whole number of at least {min}");
}
