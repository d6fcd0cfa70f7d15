using System.ComponentModel;
using System.Diagnostics;

namespace Nightshift.Benchmarks.Peers;

/// <summary>Versions of installed Debian packages, for the report. Thread-safe (no state).</summary>
public static class DebianPackage
{
    /// <summary>The installed version of <paramref name="package"/> (<c>dpkg-query</c>), or "version unknown".</summary>
    public static async Task<string> VersionAsync(string package, CancellationToken ct)
    {
        try
        {
            var info = new ProcessStartInfo("dpkg-query", ["-W", "-f=${Version}", package]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(info);
            if (process is null)
            {
                return "version unknown";
            }

            var output = await process.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            return process.ExitCode == 0 && output.Trim().Length > 0 ? output.Trim() : "version unknown";
        }
        catch (Win32Exception)
        {
            return "version unknown";
        }
    }
}
