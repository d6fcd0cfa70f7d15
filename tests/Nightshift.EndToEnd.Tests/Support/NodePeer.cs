using System.Globalization;
using System.Text.Json;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// Runs a Node.js interop peer of <c>tests/interop</c> (Eclipse Tahu's sparkplug-client and sparkplug-payload) against
/// the broker and returns the JSON lines it printed. Thread-safe (stateless).
/// </summary>
public static class NodePeer
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="script"/> with the broker URL, the credentials, the group and node, and more arguments.</summary>
    /// <exception cref="InvalidOperationException">node or the npm packages are missing (run scripts/install-test-deps.sh).</exception>
    public static async Task<(ToolResult Result, IReadOnlyList<JsonElement> Events)> RunAsync(
        string script, int mqttPort, string user, string password, string group, string node, IEnumerable<string> more, CancellationToken cancellationToken)
    {
        var directory = RepositoryLayout.InteropDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "sparkplug-client")))
        {
            throw new InvalidOperationException($"The Node.js interop peers are not installed in {directory}; run scripts/install-test-deps.sh (npm ci there).");
        }

        var url = "mqtt://127.0.0.1:" + mqttPort.ToString(CultureInfo.InvariantCulture);
        var result = await ExternalTool.RunAsync(
            "node",
            [script, "--url", url, "--user", user, "--password", password, "--group", group, "--node", node, .. more],
            Timeout,
            cancellationToken,
            directory);
        var events = new List<JsonElement>();
        foreach (var line in result.OutputLines.Where(l => l.StartsWith('{')))
        {
            using var document = JsonDocument.Parse(line);
            events.Add(document.RootElement.Clone());
        }

        return (result, events);
    }

    /// <summary>The "event" of a printed line.</summary>
    public static string Kind(this JsonElement printed) => printed.GetProperty("event").GetString() ?? string.Empty;
}
