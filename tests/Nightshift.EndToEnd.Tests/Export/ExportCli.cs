using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Export;

/// <summary>Runs the real <c>nightshift export</c> command (the built CLI) with standard error redirected, as scripts run it.</summary>
public static class ExportCli
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Creates a viewer API key of the demo tenant.</summary>
    public static async Task<string> CreateApiKeyAsync(SharedPlatform platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        using var created = await platform.Http.PostAsJsonAsync("/api/v1/api-keys", new { name = "export-" + Guid.NewGuid().ToString("N")[..8], role = "viewer" }, cancellationToken);
        created.EnsureSuccessStatusCode();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("key").GetString()!;
    }

    /// <summary>
    /// <c>dotnet nightshift.dll export ARGS</c> with <c>NIGHTSHIFT_API_KEY</c> set to <paramref name="apiKeyVariable"/>
    /// (removed when null); killed at <see cref="Timeout"/>.
    /// </summary>
    /// <exception cref="TimeoutException">The command did not end in time.</exception>
    public static async Task<ToolResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, string? apiKeyVariable = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])[RepositoryLayout.CliDll, "export", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("NIGHTSHIFT_API_KEY");
        if (apiKeyVariable is not null)
        {
            start.Environment["NIGHTSHIFT_API_KEY"] = apiKeyVariable;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"nightshift export did not end within {Timeout.TotalSeconds} s; stderr: {await stderr}");
        }

        return new ToolResult("nightshift export", process.ExitCode, await stdout, await stderr);
    }
}
