using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Nightshift.Benchmarks.Peers;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + BenchOptions.Usage).ConfigureAwait(false);
    return 2;
}

// Ctrl+C and SIGTERM cancel the run; every started peer is then stopped by its PID on the way out.
using var cancel = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

var ct = cancel.Token;
try
{
    return await RunAsync().ConfigureAwait(false);
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("cancelled; the peers that were started have been stopped").ConfigureAwait(false);
    return 130;
}

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}

async Task<int> RunAsync()
{
    var total = Stopwatch.GetTimestamp();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generating the virtual plant's data: {options.Tags} tags x {options.PointsPerTag:N0} points ({options.TotalPoints:N0}) ..."));
    var generated = Stopwatch.GetTimestamp();
    var data = PlantDataSet.Generate(options.Tags, options.PointsPerTag, options.Seed, ct);
    var plan = QueryPlan.For(data);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  done in {Stopwatch.GetElapsedTime(generated).TotalSeconds:0.0} s"));

    IBenchTarget[] targets = [new NightshiftTarget(), new NightshiftHttpTarget(), new VictoriaMetricsTarget(), new InfluxTarget(), new PostgresTarget()];
    var results = new List<SystemResult>();
    Directory.CreateDirectory(options.WorkFolder);
    try
    {
        foreach (var target in targets)
        {
            if (!options.Systems.Contains(target.Key))
            {
                results.Add(SystemResult.NotAvailable(target.Name, target.Key, "not selected (--systems)"));
                continue;
            }

            Console.WriteLine($"Running {target.Name} ...");
            var started = Stopwatch.GetTimestamp();
            var result = await Runner.RunAsync(target, data, plan, options, Path.Combine(options.WorkFolder, target.Key), ct).ConfigureAwait(false);
            results.Add(result);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {(result.Unavailable is { } reason ? "n/a: " + reason : $"{result.IngestPointsPerSecond:N0} points/s")} ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"));
        }
    }
    finally
    {
        Runner.DeleteQuietly(options.WorkFolder);
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total {Stopwatch.GetElapsedTime(total).TotalSeconds:0.0} s on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC."));
    Console.WriteLine(Report.Render(options, data, plan, results));
    return 0;
}
