using System.Diagnostics;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// Runs a real third-party program (mosquitto_pub, node, ...) to its end and captures its output. A program still
/// running at the deadline is killed and reported with a <see cref="TimeoutException"/>. Thread-safe (stateless).
/// </summary>
public static class ExternalTool
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> (or the current one).</summary>
    /// <exception cref="TimeoutException">The program did not end within <paramref name="timeout"/>; it was killed.</exception>
    /// <exception cref="InvalidOperationException">The program is not installed (run scripts/install-test-deps.sh).</exception>
    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        using var process = Start(program, arguments, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            var output = await stdout;
            var errors = await stderr;
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{program} did not end within {timeout.TotalSeconds:0.#} s; stdout: {output}; stderr: {errors}");
        }

        return new ToolResult(program, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a program with redirected standard streams (standard input is closed at once).</summary>
    /// <exception cref="InvalidOperationException">The program is not installed.</exception>
    public static Process Start(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(start)!;
            process.StandardInput.Close();
            return process;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{program}' could not be started ({ex.Message}); install the test peers with scripts/install-test-deps.sh", ex);
        }
    }
}
