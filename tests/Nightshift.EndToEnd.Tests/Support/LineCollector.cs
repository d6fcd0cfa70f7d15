using System.Diagnostics;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// A long-running third-party program (e.g. <c>mosquitto_sub</c>) whose output lines are collected while the test goes
/// on. <see cref="WaitForLineAsync"/> waits for a line; disposing kills the program (it was started here).
/// Thread-safe.
/// </summary>
public sealed class LineCollector : IDisposable
{
    private readonly Process _process;
    private readonly ServerLog _lines = new();

    public LineCollector(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        _process = ExternalTool.Start(program, arguments, workingDirectory);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Add(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Add("stderr: " + e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Lines => _lines.Lines;

    /// <summary>Waits for the first line containing <paramref name="fragment"/>.</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>.</exception>
    public async Task<string> WaitForLineAsync(string fragment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _lines.WaitForLineAsync(fragment).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"No line with '{fragment}' within {timeout.TotalSeconds:0.#} s; lines so far: {string.Join(" | ", Lines)}; exited: {HasExited}", ex);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
