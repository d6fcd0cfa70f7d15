using System.Globalization;
using Nightshift.Fuzz;

FuzzOptions options;
try
{
    options = FuzzOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: dotnet run --project fuzz/Nightshift.Fuzz -c Release -- [--decoder all|sparkplug|json|lineprotocol|modbus|mqtt-topic|opcua] [--inputs 1000000] [--seed N] [--max-ms-per-input 100] [--findings fuzz/findings]");
    return 2;
}

IReadOnlyList<string> names = options.Decoder == "all" ? FuzzTargets.Names : [options.Decoder];
List<FuzzTarget> targets;
try
{
    targets = [.. names.Select(FuzzTargets.Create)];
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var runner = new FuzzRunner(options, Console.Out);
var results = new List<FuzzResult>();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {options.Seed}, {options.Inputs} inputs per decoder, limit {options.MaxMsPerInput} ms and {FuzzOptions.MaxBytesPerInput} bytes per input"));
foreach (var target in targets)
{
    var result = runner.Run(target, cancel.Token);
    results.Add(result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Decoder}: done in {result.Elapsed.TotalSeconds:F1} s"));
}

Console.WriteLine();
Console.WriteLine("| decoder | inputs | failures | rejected (own format error) | inputs/s | slowest input ms | max bytes/input | total MiB allocated |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Decoder} | {r.Inputs:N0} | {r.Failures} | {r.Rejected:N0} | {r.InputsPerSecond:N0} | {r.SlowestMs:F2} | {r.MaxBytes:N0} | {r.TotalBytes / (1024.0 * 1024):N0} |"));
}

var failed = results.Sum(r => r.Failures);
if (failed > 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{failed} failing inputs saved under {options.FindingsDirectory}"));
    return 1;
}

return 0;
