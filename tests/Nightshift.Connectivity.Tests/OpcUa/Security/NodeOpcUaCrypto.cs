using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nightshift.Connectivity.Tests.OpcUa.Security;

/// <summary>
/// Runs tests/interop/opcua-security/crypto-reference.mjs: reference computations with node-opcua-crypto (node-opcua's
/// crypto package), a third party to check our key derivation and chunk format against. Fails (does not skip) when
/// node or the npm packages are missing: scripts/install-test-deps.sh installs them.
/// </summary>
internal static class NodeOpcUaCrypto
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string InteropDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "interop");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("tests/interop was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Sends the requests in one run of node and returns the answers in order.</summary>
    public static async Task<IReadOnlyList<JsonObject>> RunAsync(IReadOnlyList<JsonObject> requests)
    {
        var directory = InteropDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "node-opcua-crypto")))
        {
            throw new InvalidOperationException($"node-opcua-crypto is not installed in {directory}; run scripts/install-test-deps.sh (npm ci there).");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(directory, "opcua-security"),
        };
        start.ArgumentList.Add("crypto-reference.mjs");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.WriteAsync(new JsonArray([.. requests]).ToJsonString().AsMemory(), timeout.Token);
        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        process.ExitCode.ShouldBe(0, await error);
        var answers = JsonNode.Parse(text)!.AsArray().Select(a => a!.AsObject()).ToList();
        foreach (var answer in answers)
        {
            answer.ContainsKey("error").ShouldBeFalse(answer["error"]?.ToString());
        }

        return answers;
    }

    public static async Task<JsonObject> RunAsync(JsonObject request) => (await RunAsync([request]))[0];

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Bytes(JsonNode? hex) => Convert.FromHexString(hex!.GetValue<string>());

    public static JsonObject Request(string op, params (string Name, JsonNode? Value)[] fields)
    {
        var request = new JsonObject { ["op"] = op };
        foreach (var (name, value) in fields)
        {
            request[name] = value;
        }

        return request;
    }

    public static JsonElement AsElement(JsonNode node) => JsonSerializer.SerializeToElement(node);
}
