using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Nightshift.Testing;

/// <summary>
/// A real OPC UA server: node-opcua 2.182.2 running tests/interop/opcua/server.js on 127.0.0.1 and a free port, its PKI
/// under a temporary folder. Set NIGHTSHIFT_OPCUA_ENDPOINT to use a running server instead (restart tests then skip the
/// restart). Fails (does not skip) when node or node-opcua is missing: scripts/install-test-deps.sh installs them.
/// </summary>
public sealed class NodeOpcUaServer : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly string _pkiRoot;
    private readonly string[] _extraArguments;
    private Process? _process;

    private NodeOpcUaServer(int port, string pkiRoot, string[] extraArguments)
    {
        Port = port;
        _pkiRoot = pkiRoot;
        _extraArguments = extraArguments;
    }

    public int Port { get; }

    public string EndpointUrl => Environment.GetEnvironmentVariable("NIGHTSHIFT_OPCUA_ENDPOINT")
        ?? $"opc.tcp://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/UA/Nightshift";

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

    /// <summary>Starts a server and waits for its READY line.</summary>
    public static async Task<NodeOpcUaServer> StartAsync(params string[] extraArguments)
    {
        var pki = Path.Combine(Path.GetTempPath(), "nightshift-opcua-" + Guid.NewGuid().ToString("N"));
        var server = new NodeOpcUaServer(FreePort.Next(), pki, extraArguments);
        if (Environment.GetEnvironmentVariable("NIGHTSHIFT_OPCUA_ENDPOINT") is null)
        {
            await server.RestartAsync();
        }

        return server;
    }

    /// <summary>Starts the server process again (after <see cref="KillAsync"/>) on the same port.</summary>
    public async Task RestartAsync()
    {
        var directory = InteropDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "node-opcua")))
        {
            throw new InvalidOperationException($"node-opcua is not installed in {directory}; run scripts/install-test-deps.sh (npm ci there).");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Path.Combine("opcua", "server.js"));
        start.ArgumentList.Add(Port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(_pkiRoot);
        foreach (var argument in _extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data?.StartsWith("READY", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The node-opcua server exited:\n{Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"The node-opcua server did not print READY within 60 s:\n{Output}", e);
        }
    }

    /// <summary>Kills the server process (by its id) and waits for it to exit, as a crash or power loss would.</summary>
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

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_pkiRoot, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }

    private static string InteropDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "interop", "opcua", "server.js");
                if (File.Exists(candidate))
                {
                    return Path.Combine(dir.FullName, "tests", "interop");
                }
            }

            throw new FileNotFoundException("tests/interop/opcua/server.js was not found above the test binaries.");
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
