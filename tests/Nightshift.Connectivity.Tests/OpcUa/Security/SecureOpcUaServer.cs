using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Nightshift.Connectivity.Tests.OpcUa.Security;

/// <summary>
/// A real OPC UA server with only SecurityPolicy Basic256Sha256 (Sign, SignAndEncrypt): node-opcua 2.182.2 running
/// tests/interop/opcua-security/server.js, which trusts the client certificate it is given. Fails (does not skip) when
/// node or the npm packages are missing: scripts/install-test-deps.sh installs them.
/// </summary>
internal sealed class SecureOpcUaServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private SecureOpcUaServer(Process process, int port)
    {
        _process = process;
        Url = $"opc.tcp://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/UA/Secure";
    }

    public string Url { get; }

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

    /// <summary>Starts the server with its PKI under <paramref name="pkiFolder"/>, trusting <paramref name="clientCertificateFile"/>.</summary>
    public static async Task<SecureOpcUaServer> StartAsync(string pkiFolder, string clientCertificateFile, CancellationToken cancellationToken)
    {
        var interop = NodeOpcUaCrypto.InteropDirectory;
        if (!Directory.Exists(Path.Combine(interop, "node_modules", "node-opcua")))
        {
            throw new InvalidOperationException($"node-opcua is not installed in {interop}; run scripts/install-test-deps.sh (npm ci there).");
        }

        var port = FreePort.Next();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = interop,
        };
        start.ArgumentList.Add(Path.Combine("opcua-security", "server.js"));
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(pkiFolder);
        start.ArgumentList.Add(clientCertificateFile);
        var process = new Process { StartInfo = start };
        var server = new SecureOpcUaServer(process, port);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => server.Append(e.Data, ready);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data, ready);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private void Append(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("READY ", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
        else if (line.StartsWith("ERROR ", StringComparison.Ordinal))
        {
            ready.TrySetException(new InvalidOperationException("The OPC UA server did not start: " + line));
        }
    }
}
