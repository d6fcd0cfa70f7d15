using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Nightshift.Connectivity.OpcUa.Client;
using Nightshift.Connectivity.OpcUa.Types;

// 10,000 OPC UA monitored items at 1 s on one connection (issue 4, item 8). Starts tests/interop/opcua/server.js with
// "--bulk N" (N variables that all change every second), subscribes to all of them, counts what arrives for a while and
// prints start-up time, values per second, missing values and the CPU time of both processes.
// The server changes every variable once a second; items sample at 500 ms so that no change falls between two samples.
// Usage: dotnet run --project benchmarks/Nightshift.Benchmarks.OpcUa -c Release -- [--items 10000] [--seconds 20]
var items = Option("--items", 10_000);
var seconds = Option("--seconds", 20);
var interop = FindInterop();
var port = FreePort();
var pki = Path.Combine(Path.GetTempPath(), "nightshift-bench-opcua-" + Guid.NewGuid().ToString("N"));
var start = new ProcessStartInfo("node") { WorkingDirectory = interop, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
foreach (var argument in new[] { Path.Combine("opcua", "server.js"), port.ToString(CultureInfo.InvariantCulture), pki, "--bulk", items.ToString(CultureInfo.InvariantCulture) })
{
    start.ArgumentList.Add(argument);
}

using var server = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
try
{
    while (await server.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line && !line.StartsWith("READY", StringComparison.Ordinal))
    {
    }

    var endpoint = string.Create(CultureInfo.InvariantCulture, $"opc.tcp://127.0.0.1:{port}/UA/Nightshift");
    var options = new OpcUaClientOptions { RequestTimeout = TimeSpan.FromSeconds(60) };
    await using var client = await OpcUaClient.ConnectAsync(endpoint, options).ConfigureAwait(false);
    var received = new ConcurrentDictionary<uint, int>();
    var total = 0L;
    var definitions = Enumerable.Range(0, items)
        .Select(i => new MonitoredItemDefinition(NodeId.FromString(1, "Bulk." + i.ToString(CultureInfo.InvariantCulture))) { SamplingIntervalMs = 500, QueueSize = 2 })
        .ToList();
    var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var created = Stopwatch.StartNew();
    await using var subscription = await client.SubscribeAsync(
        definitions,
        (changes, _) =>
        {
            foreach (var change in changes)
            {
                received.AddOrUpdate(change.Item.ClientHandle, 1, (_, n) => n + 1);
            }

            Interlocked.Add(ref total, changes.Count);
            return ValueTask.CompletedTask;
        },
        new SubscriptionOptions { PublishingInterval = TimeSpan.FromSeconds(1), MaxKeepAliveCount = 10 }).ConfigureAwait(false);
    var startup = created.Elapsed;
    var good = subscription.Items.Count(i => i.Status.IsGood);
    var firstValues = Stopwatch.StartNew();
    while (received.Count < good && firstValues.Elapsed < TimeSpan.FromSeconds(60))
    {
        await Task.Delay(50).ConfigureAwait(false);
    }

    var allFirst = created.Elapsed;
    var startupCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
    var before = Interlocked.Read(ref total);
    var perItemBefore = received.ToDictionary(p => p.Key, p => p.Value);
    var window = Stopwatch.StartNew();
    var cpuClient0 = Process.GetCurrentProcess().TotalProcessorTime;
    server.Refresh();
    var cpuServer0 = server.TotalProcessorTime;
    await Task.Delay(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
    var inWindow = Interlocked.Read(ref total) - before;
    var elapsed = window.Elapsed.TotalSeconds;
    server.Refresh();
    var cpuClient = (Process.GetCurrentProcess().TotalProcessorTime - cpuClient0).TotalSeconds / elapsed * 100;
    var cpuServer = (server.TotalProcessorTime - cpuServer0).TotalSeconds / elapsed * 100;
    var expected = (long)good * (long)Math.Floor(elapsed);
    var silent = subscription.Items.Count(i => i.Status.IsGood && !received.ContainsKey(i.ClientHandle));
    var perItem = subscription.Items.Where(i => i.Status.IsGood)
        .Select(i => received.GetValueOrDefault(i.ClientHandle) - perItemBefore.GetValueOrDefault(i.ClientHandle)).ToList();

    Console.WriteLine("| measure | value |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| monitored items created (good / requested) | {good:N0} / {items:N0} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| CreateSubscription + CreateMonitoredItems | {startup.TotalSeconds:0.00} s |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| until every item delivered a value | {allFirst.TotalSeconds:0.00} s |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| items that never delivered | {silent:N0} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| values in {elapsed:0.0} s (expected about {expected:N0}) | {inWindow:N0} ({inWindow / elapsed:N0}/s) |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| values per item in the window (min / max; the server changes each once a second) | {perItem.Min()} / {perItem.Max()} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| duplicates dropped / republished / lost messages | {subscription.DuplicatesDropped} / {subscription.Republished} / {subscription.LostMessages} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| client CPU (Nightshift) | {cpuClient:0.0} % of one core |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| server CPU (node-opcua) | {cpuServer:0.0} % of one core |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| client CPU time for the start-up | {startupCpu.TotalSeconds:0.00} s |"));
    return silent == 0 && good == items ? 0 : 1;
}
finally
{
    if (!server.HasExited)
    {
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync().ConfigureAwait(false);
    }

    try
    {
        Directory.Delete(pki, recursive: true);
    }
    catch (IOException)
    {
    }
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindInterop()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "tests", "interop");
        if (File.Exists(Path.Combine(candidate, "opcua", "server.js")))
        {
            return candidate;
        }
    }

    throw new DirectoryNotFoundException("tests/interop/opcua/server.js was not found above the binaries.");
}
