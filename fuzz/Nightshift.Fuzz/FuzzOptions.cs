using System.Globalization;

namespace Nightshift.Fuzz;

/// <summary>The command line of the fuzzer. Immutable.</summary>
public sealed record FuzzOptions(string Decoder, long Inputs, int Seed, double MaxMsPerInput, string FindingsDirectory)
{
    /// <summary>Allocations above this in a single input count as unbounded (64 MiB).</summary>
    public const long MaxBytesPerInput = 64L * 1024 * 1024;

    /// <summary>Parses <c>--decoder --inputs --seed --max-ms-per-input --findings</c>.</summary>
    /// <exception cref="ArgumentException">An option is unknown or its value is invalid.</exception>
    public static FuzzOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new FuzzOptions("all", 1_000_000, 1, 100, Path.Combine("fuzz", "findings"));
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.", nameof(args));
            options = args[i] switch
            {
                "--decoder" => options with { Decoder = value },
                "--inputs" => options with { Inputs = long.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--max-ms-per-input" => options with { MaxMsPerInput = double.Parse(value, CultureInfo.InvariantCulture) },
                "--findings" => options with { FindingsDirectory = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}.", nameof(args)),
            };
            i++;
        }

        return options.Inputs <= 0 || options.MaxMsPerInput <= 0
            ? throw new ArgumentException("--inputs and --max-ms-per-input must be positive.", nameof(args))
            : options;
    }
}
