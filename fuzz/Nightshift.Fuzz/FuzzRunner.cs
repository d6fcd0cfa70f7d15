using System.Diagnostics;
using System.Globalization;

namespace Nightshift.Fuzz;

/// <summary>
/// Runs one target over <see cref="FuzzOptions.Inputs"/> generated inputs on the calling thread. An input passes when the
/// decoder returns or throws its own format exception; another exception, a run longer than
/// <see cref="FuzzOptions.MaxMsPerInput"/> (measured with a stopwatch once the call returns, the faster of two runs)
/// or more than <see cref="FuzzOptions.MaxBytesPerInput"/> allocated is a failure, printed and saved under the findings directory.
/// A watchdog timer catches a true hang (an input still running after ten times the limit, at least one second): it saves
/// that input as a finding and ends the process with exit code 1, since a looping decoder cannot be stopped in-process.
/// Not thread-safe; one runner per thread.
/// </summary>
public sealed class FuzzRunner(FuzzOptions options, TextWriter output)
{
    private const int MaxPrintedFailures = 20;

    private readonly Lock _reportLock = new();
    private byte[]? _current;
    private string _currentDecoder = string.Empty;
    private long _currentIndex;
    private long _currentStarted;

    /// <summary>Runs <paramref name="target"/> and returns what was found.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public FuzzResult Run(FuzzTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var mutator = new Mutator(unchecked((options.Seed * 397) ^ StableHash(target.Name)));
        var maxTicks = (long)(options.MaxMsPerInput * Stopwatch.Frequency / 1000);
        long failures = 0, rejected = 0, slowestTicks = 0, maxBytes = 0, totalBytes = 0;
        var hangAfter = TimeSpan.FromMilliseconds(Math.Max(1000, 10 * options.MaxMsPerInput));
        using var watchdog = new Timer(_ => CheckForHang(hangAfter), null, hangAfter, hangAfter);
        _currentDecoder = target.Name;
        var started = Stopwatch.GetTimestamp();
        for (long i = 0; i < options.Inputs; i++)
        {
            if ((i & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var input = mutator.Next(target);
            Exception? error = null;
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var before = Stopwatch.GetTimestamp();
            Volatile.Write(ref _current, input);
            Volatile.Write(ref _currentIndex, i);
            Volatile.Write(ref _currentStarted, before);
            try
            {
                target.Decode(input);
            }
            catch (Exception e) when (target.IsExpected(e))
            {
                rejected++;
            }
#pragma warning disable CA1031 // Catching everything is the point of a fuzzer: any foreign exception is the finding.
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = e;
            }

            Volatile.Write(ref _current, null);
            var ticks = Stopwatch.GetTimestamp() - before;
            if (ticks > maxTicks && error is null)
            {
                // A garbage collection or a busy machine can stall any single call: time the input once more and
                // keep the faster run, so that only an input that is slow every time is reported.
                ticks = Math.Min(ticks, Retime(target, input));
            }

            var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            slowestTicks = Math.Max(slowestTicks, ticks);
            maxBytes = Math.Max(maxBytes, bytes);
            totalBytes += bytes;
            var reason = error is not null ? error.ToString()
                : ticks > maxTicks ? string.Create(CultureInfo.InvariantCulture, $"took {ticks * 1000.0 / Stopwatch.Frequency:F1} ms (limit {options.MaxMsPerInput} ms)")
                : bytes > FuzzOptions.MaxBytesPerInput ? string.Create(CultureInfo.InvariantCulture, $"allocated {bytes} bytes (limit {FuzzOptions.MaxBytesPerInput})")
                : null;
            if (reason is not null)
            {
                failures++;
                Report(target.Name, i, input, reason, failures <= MaxPrintedFailures);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return new FuzzResult(target.Name, options.Inputs, failures, rejected, elapsed, slowestTicks * 1000.0 / Stopwatch.Frequency, maxBytes, totalBytes);
    }

    private static long Retime(FuzzTarget target, byte[] input)
    {
        var before = Stopwatch.GetTimestamp();
        try
        {
            target.Decode(input);
        }
        catch (Exception e) when (target.IsExpected(e))
        {
            // Rejected again, as the first time.
        }

        return Stopwatch.GetTimestamp() - before;
    }

    private void CheckForHang(TimeSpan hangAfter)
    {
        var input = Volatile.Read(ref _current);
        var index = Volatile.Read(ref _currentIndex);
        if (input is null || Stopwatch.GetElapsedTime(Volatile.Read(ref _currentStarted)) < hangAfter || !ReferenceEquals(input, Volatile.Read(ref _current)))
        {
            return;
        }

        Report(_currentDecoder, index, input, string.Create(CultureInfo.InvariantCulture, $"hang: still running after {hangAfter.TotalMilliseconds} ms"), print: true);
        output.Flush();
        Environment.Exit(1);
    }

    private void Report(string decoder, long index, byte[] input, string reason, bool print)
    {
        using var scope = _reportLock.EnterScope();
        var hex = Convert.ToHexString(input);
        var text = string.Create(CultureInfo.InvariantCulture, $"decoder: {decoder}\ninput #{index} ({input.Length} bytes)\nhex: {hex}\nbase64: {Convert.ToBase64String(input)}\n{reason}\n");
        if (print)
        {
            output.WriteLine("FAIL " + text);
        }

        Directory.CreateDirectory(options.FindingsDirectory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{decoder}-seed{options.Seed}-{index}");
        File.WriteAllBytes(Path.Combine(options.FindingsDirectory, name + ".bin"), input);
        File.WriteAllText(Path.Combine(options.FindingsDirectory, name + ".txt"), text);
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
