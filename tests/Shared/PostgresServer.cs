using System.Diagnostics;
using System.Globalization;

namespace Nightshift.Testing;

/// <summary>
/// A private PostgreSQL 15 cluster for tests: <c>initdb</c> into a fresh temporary folder and <c>pg_ctl start</c> of a
/// postmaster on a free 127.0.0.1 port, its unix socket in the same folder (run as user <c>postgres</c> through
/// <c>runuser</c> when the tests run as root; the folder is then owned by postgres). Never touches the system cluster.
/// Stopped by the PID in <c>postmaster.pid</c> (SIGINT, a fast shutdown); <see cref="DisposeAsync"/> stops it and
/// deletes the folder. Set <see cref="ExternalVariable"/> to a connection string to use an existing server instead
/// (<see cref="StopAsync"/> and <see cref="StartAgainAsync"/> then throw). Fails, does not skip, when PostgreSQL 15 is
/// missing: <c>scripts/install-test-deps.sh</c> installs it. Not thread-safe.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The environment variable that names an existing server (an Npgsql connection string).</summary>
    public const string ExternalVariable = "NIGHTSHIFT_TEST_POSTGRES";

    /// <summary>Where Debian's postgresql-15 puts its programs.</summary>
    public const string BinFolder = "/usr/lib/postgresql/15/bin";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string? _external;
    private readonly bool _asRoot = Environment.UserName == "root";

    private PostgresServer(string folder, int port, string? external)
    {
        Folder = folder;
        Port = port;
        _external = external;
    }

    /// <summary>The temporary folder of the cluster (data in <c>data/</c>, the server log in <c>server.log</c>).</summary>
    public string Folder { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>True when this is a server named by <see cref="ExternalVariable"/>, not one started here.</summary>
    public bool IsExternal => _external is not null;

    /// <summary>The Npgsql connection string of the <c>postgres</c> database as the superuser <c>postgres</c> (trust authentication).</summary>
    public string ConnectionString => _external ?? string.Create(
        CultureInfo.InvariantCulture,
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=60");

    private string DataFolder => Path.Combine(Folder, "data");

    private string LogPath => Path.Combine(Folder, "server.log");

    /// <summary>The last lines of the server log, for an assertion message.</summary>
    public string LogTail
    {
        get
        {
            try
            {
                return string.Join('\n', File.ReadLines(LogPath).TakeLast(20));
            }
            catch (IOException ex)
            {
                return ex.Message;
            }
        }
    }

    /// <summary>Creates a cluster in a new temporary folder and starts it; returns once it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL 15 is not installed, or initdb or the start failed.</exception>
    public static async Task<PostgresServer> StartAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable(ExternalVariable) is { Length: > 0 } external)
        {
            return new PostgresServer(string.Empty, 0, external);
        }

        if (!File.Exists(Path.Combine(BinFolder, "postgres")))
        {
            throw new InvalidOperationException($"{BinFolder}/postgres is missing; run scripts/install-test-deps.sh (apt package postgresql-15).");
        }

        var folder = Path.Combine(Path.GetTempPath(), "nightshift-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new PostgresServer(folder, FreePort.Next(), null);
        try
        {
            if (server._asRoot)
            {
                await RunAsync("chown", ["postgres:postgres", folder], ct);
            }

            await server.RunAsPostgresAsync("initdb", ["-D", server.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"], ct);
            await server.StartAgainAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the stopped cluster again on the same port and data; returns once it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">The server did not start (the message holds the end of its log).</exception>
    public async Task StartAgainAsync(CancellationToken ct)
    {
        ThrowIfExternal();
        var settings = string.Create(
            CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={Folder} -c fsync=off -c full_page_writes=off -c max_connections=200");
        try
        {
            await RunAsPostgresAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", DataFolder, "-l", LogPath, "-o", settings], ct);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n{LogTail}", ex);
        }
    }

    /// <summary>Stops the server by its PID (SIGINT: fast shutdown, clients are disconnected) and waits until it has exited.</summary>
    /// <exception cref="TimeoutException">The server did not exit within 30 seconds.</exception>
    public async Task StopAsync(CancellationToken ct)
    {
        ThrowIfExternal();
        if (ReadPid() is not { } pid)
        {
            return;
        }

        await RunAsync("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)], ct);
        var deadline = Stopwatch.GetTimestamp();
        while (IsRunning(pid) || File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            if (Stopwatch.GetElapsedTime(deadline) > StopTimeout)
            {
                throw new TimeoutException($"PostgreSQL (PID {pid}) did not stop within {StopTimeout.TotalSeconds} s.\n{LogTail}");
            }

            await Task.Delay(20, ct);
        }
    }

    /// <summary>Stops the server (when it runs) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (IsExternal)
        {
            return;
        }

        try
        {
            await StopAsync(CancellationToken.None);
        }
        finally
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// Whether the process runs: the daemonized postmaster is not our child, and a container's init may not reap it, so
    /// a zombie counts as exited.
    /// </summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end < 0 || end + 2 >= stat.Length || stat[end + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private int? ReadPid()
    {
        var file = Path.Combine(DataFolder, "postmaster.pid");
        try
        {
            var first = File.ReadLines(file).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private void ThrowIfExternal()
    {
        if (IsExternal)
        {
            throw new InvalidOperationException($"The server named by {ExternalVariable} is not started or stopped by the tests.");
        }
    }

    private Task RunAsPostgresAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct) =>
        _asRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinFolder, program), .. arguments], ct)
            : RunAsync(Path.Combine(BinFolder, program), arguments, ct);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {(await error).Trim()} {(await output).Trim()}");
        }
    }
}
