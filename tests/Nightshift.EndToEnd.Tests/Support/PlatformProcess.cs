using System.Diagnostics;
using System.Globalization;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// One Nightshift node started as a user starts it: <c>dotnet nightshift.dll {demo|run} --data DIR --urls URL
/// --mqtt-port N</c> with the admin password in <c>NIGHTSHIFT_ADMIN_PASSWORD</c>. Its output is captured in
/// <see cref="Log"/>; it is ready when it printed "Nightshift is ready: URL" and <c>/healthz</c> answers.
/// <see cref="StopAsync"/> sends SIGINT and waits (30 s at most) for a clean exit. Ports are picked free at start.
/// Not thread-safe for start and stop; <see cref="Log"/> is.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    public const string ReadyBanner = "Nightshift is ready: ";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private PlatformProcess(Process process, string baseUrl, int mqttPort, string dataDirectory, string adminPassword, ServerLog log)
    {
        _process = process;
        BaseUrl = baseUrl;
        MqttPort = mqttPort;
        DataDirectory = dataDirectory;
        AdminPassword = adminPassword;
        Log = log;
    }

    /// <summary>The URL of the API and UI, e.g. <c>http://127.0.0.1:40123</c> (no trailing slash).</summary>
    public string BaseUrl { get; }

    public int MqttPort { get; }

    public string DataDirectory { get; }

    public string AdminPassword { get; }

    /// <summary>Standard output and error of the process.</summary>
    public ServerLog Log { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a node and waits until it is ready.</summary>
    /// <param name="command"><c>demo</c> or <c>run</c>.</param>
    /// <param name="dataDirectory">The data folder (created if missing; kept on stop).</param>
    /// <param name="adminPassword">The first admin's password (only used when the folder has no admin yet).</param>
    /// <param name="extraArguments">More options, e.g. <c>--speed 30</c> or <c>--plant FILE</c>.</param>
    /// <param name="cancellationToken">Cancels the wait; the process is then killed.</param>
    /// <exception cref="FileNotFoundException">The CLI is not built.</exception>
    /// <exception cref="InvalidOperationException">The process exited or was not ready within <see cref="StartTimeout"/>; the message holds its output.</exception>
    public static async Task<PlatformProcess> StartAsync(string command, string dataDirectory, string adminPassword, IReadOnlyList<string> extraArguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extraArguments);
        var dll = RepositoryLayout.CliDll;
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort.Next();
        var mqttPort = FreePort.Next();
        var baseUrl = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        foreach (var argument in (string[])[dll, command, "--data", dataDirectory, "--urls", baseUrl, "--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture), .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NIGHTSHIFT_ADMIN_PASSWORD"] = adminPassword;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var log = new ServerLog();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Add(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var platform = new PlatformProcess(process, baseUrl, mqttPort, dataDirectory, adminPassword, log);
        try
        {
            await platform.WaitUntilReadyAsync(cancellationToken);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The signal that stops the platform as Ctrl+C does: SIGINT, unless this test host runs with SIGINT ignored (a
    /// background job of a non-interactive shell, nohup), which its children inherit; then SIGTERM, the graceful stop of
    /// service managers, which takes the same path in the platform.
    /// </summary>
    public static string StopSignal { get; } = SigIntIgnored() ? "-TERM" : "-INT";

    private static bool SigIntIgnored()
    {
        const string field = "SigIgn:";
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) : null;
        return line is not null
            && ulong.TryParse(line[field.Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
            && (mask & (1UL << (2 - 1))) != 0;
    }

    /// <summary>Kills the process as <c>kill -9</c> does (SIGKILL: no shutdown code runs, nothing is flushed) and waits for it to exit.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill();
        await _process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Sends <see cref="StopSignal"/> (Ctrl+C's SIGINT) and waits for the exit; returns the exit code.</summary>
    /// <exception cref="TimeoutException">No exit within <see cref="StopTimeout"/>; the process is killed.</exception>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            return _process.ExitCode;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { StopSignal, _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The platform did not exit within {StopTimeout.TotalSeconds} s of kill {StopSignal}; killed. Output:{Environment.NewLine}{Log.Tail()}");
        }

        // The output readers finish once the pipes close; wait for them so the log is complete.
        await _process.WaitForExitAsync(CancellationToken.None);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(CancellationToken.None);
            }
            catch (TimeoutException)
            {
                // Killed by StopAsync; disposing must not throw.
            }
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var ready = Log.WaitForLineAsync(ReadyBanner);
        var exited = _process.WaitForExitAsync(timeout.Token);
        try
        {
            var first = await Task.WhenAny(ready, exited).WaitAsync(timeout.Token);
            if (first == exited)
            {
                await _process.WaitForExitAsync(CancellationToken.None);
                throw new InvalidOperationException($"The platform exited with code {_process.ExitCode} before it was ready. Output:{Environment.NewLine}{Log.Tail()}");
            }

            using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
            await Poll.UntilAsync(
                async ct => (await http.GetAsync(new Uri("/healthz", UriKind.Relative), ct)).IsSuccessStatusCode,
                StartTimeout,
                "GET /healthz to answer 200",
                timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The platform was not ready within {StartTimeout.TotalSeconds} s. Output:{Environment.NewLine}{Log.Tail()}", ex);
        }
    }
}
