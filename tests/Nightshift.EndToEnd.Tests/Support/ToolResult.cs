namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>What an external program did: its exit code and its standard output and error, as text.</summary>
public sealed record ToolResult(string Program, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The standard output split into non-empty lines.</summary>
    public IReadOnlyList<string> OutputLines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"{Program} exited with {ExitCode}; stdout: {StandardOutput.Trim()}; stderr: {StandardError.Trim()}";
}
