using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Nightshift.Testing;

/// <summary>
/// A real Modbus TCP server: pymodbus 3.0 running tests/interop/modbus_server.py under /usr/bin/python3 on a loopback port.
/// Fails (does not skip) when pymodbus is missing: scripts/install-test-deps.sh installs it.
/// </summary>
public sealed class PymodbusServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly StringBuilder _output = new();
    private Process? _process;

    private PymodbusServer(int port) => Port = port;

    public int Port { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a server on <paramref name="port"/> (a free one when not given) and waits until it accepts connections.</summary>
    public static async Task<PymodbusServer> StartAsync(int? port = null)
    {
        await EnsureInstalledAsync();
        var server = new PymodbusServer(port ?? FreePort.Next());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server process again (after <see cref="KillAsync"/>) on the same port.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ScriptPath)!,
        };
        start.ArgumentList.Add(ScriptPath);
        start.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The pymodbus server exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port, TestContext.Current.CancellationToken);
                return;
            }
            catch (SocketException e)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"The pymodbus server does not accept connections on port {Port}:\n{Output}", e);
                }

                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>Kills the server process (by its id) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private static string ScriptPath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "interop", "modbus_server.py");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("tests/interop/modbus_server.py was not found above the test binaries.");
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing; run scripts/install-test-deps.sh to install pymodbus.");
        }

        var check = new ProcessStartInfo(Python) { RedirectStandardError = true, UseShellExecute = false };
        check.ArgumentList.Add("-c");
        check.ArgumentList.Add("import pymodbus.server");
        using var process = Process.Start(check)!;
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                "pymodbus (Debian python3-pymodbus) is not installed for /usr/bin/python3; run scripts/install-test-deps.sh. " + error);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
