using System.Diagnostics;
using System.Globalization;

namespace Nightshift.Benchmarks.Connectivity;

/// <summary>
/// mbpoll (a third-party Modbus master) on the same server and request: polling continuously at its fastest poll rate
/// (<c>-l 10</c>, the lowest it takes) for a while, counting the polls it reports.
/// </summary>
internal static class MbpollPolls
{
    public static async Task<PollFigures> RunAsync(int port, int registers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("mbpoll")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-m", "tcp", "-p", port.ToString(CultureInfo.InvariantCulture), "-a", "1", "-t", "4", "-r", "1", "-c", registers.ToString(CultureInfo.InvariantCulture), "-l", "10", "127.0.0.1"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("mbpoll did not start (apt-get install mbpoll)");
        var polls = 0;
        var first = 0L;
        var last = 0L;
        var reading = Task.Run(
            async () =>
            {
                while (await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (line.StartsWith("-- Polling slave", StringComparison.Ordinal))
                    {
                        last = Stopwatch.GetTimestamp();
                        first = first == 0 ? last : first;
                        polls++;
                    }
                }
            },
            cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        process.Kill();
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await reading.ConfigureAwait(false);
        if (polls < 2)
        {
            throw new InvalidOperationException("mbpoll reported no polls: " + await errors.ConfigureAwait(false));
        }

        var seconds = Stopwatch.GetElapsedTime(first, last).TotalSeconds;
        return new PollFigures((polls - 1) / seconds, double.NaN, double.NaN, double.NaN);
    }
}
