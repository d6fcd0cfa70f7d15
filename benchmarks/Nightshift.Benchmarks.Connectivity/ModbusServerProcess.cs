using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Nightshift.Testing;

namespace Nightshift.Benchmarks.Connectivity;

/// <summary>
/// The interop tests' real Modbus server (pymodbus 3.0 running tests/interop/modbus_server.py under /usr/bin/python3) as
/// a process on a free loopback port; killed on dispose.
/// </summary>
internal sealed class ModbusServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ModbusServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <exception cref="FileNotFoundException">The script is not found above the program's folder.</exception>
    /// <exception cref="TimeoutException">The server did not accept connections within 20 s.</exception>
    public static async Task<ModbusServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var script = FindScript();
        var port = FreePort.Next();
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ModbusServerProcess(process, port);
        var deadline = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(20))
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        await server.DisposeAsync().ConfigureAwait(false);
        throw new TimeoutException($"pymodbus did not listen on port {port} within 20 s (apt-get install python3-pymodbus)");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop", "modbus_server.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/interop/modbus_server.py was not found above " + AppContext.BaseDirectory);
    }
}
