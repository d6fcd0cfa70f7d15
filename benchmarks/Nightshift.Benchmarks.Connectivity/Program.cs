using System.Globalization;
using Nightshift.Benchmarks.Connectivity;

// Connectivity figures against real peers, printed as a markdown table and one RESULT line (docs/benchmarks.md).
// Usage: nightshift-bench-connectivity [--seconds N] (default 5 per measurement).
var seconds = 5;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--seconds" && i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
    {
        seconds = parsed;
    }
    else
    {
        await Console.Error.WriteLineAsync("usage: nightshift-bench-connectivity [--seconds N]").ConfigureAwait(false);
        return 2;
    }
}

var duration = TimeSpan.FromSeconds(seconds);
const int Registers = 10;
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
var ct = cancel.Token;

await using var server = await ModbusServerProcess.StartAsync(ct).ConfigureAwait(false);
Console.WriteLine($"pymodbus 3.0 on 127.0.0.1:{server.Port}; {Registers} holding registers per request; {seconds} s per measurement; {Environment.ProcessorCount} cores");
var ours = await ModbusPolls.RunAsync(server.Port, Registers, duration, ct).ConfigureAwait(false);
var mbpoll = await MbpollPolls.RunAsync(server.Port, Registers, duration, ct).ConfigureAwait(false);
var lineProtocol = LineProtocolParsing.PointsPerSecond(duration);

Console.WriteLine();
Console.WriteLine("| measurement | figure |");
Console.WriteLine("|---|---|");
Console.WriteLine(Row("Nightshift Modbus client, polls/s (one request at a time)", ours.PerSecond.ToString("N0", CultureInfo.InvariantCulture)));
Console.WriteLine(Row("Nightshift Modbus client, latency p50 / p99", $"{ours.P50Ms:0.00} ms / {ours.P99Ms:0.00} ms"));
Console.WriteLine(Row("Nightshift Modbus client, CPU of this process", $"{ours.Cores * 100:0} % of one core"));
Console.WriteLine(Row("mbpoll 1.0, polls/s at its fastest rate (-l 10)", mbpoll.PerSecond.ToString("N0", CultureInfo.InvariantCulture)));
Console.WriteLine(Row("Nightshift / mbpoll", $"{ours.PerSecond / mbpoll.PerSecond:0.0}×"));
Console.WriteLine(Row("line protocol parsed, points (fields)/s, one thread", lineProtocol.ToString("N0", CultureInfo.InvariantCulture)));
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT modbus_polls_per_s={ours.PerSecond:0} modbus_p99_ms={ours.P99Ms:0.000} mbpoll_polls_per_s={mbpoll.PerSecond:0} lineprotocol_points_per_s={lineProtocol:0}"));
return 0;

static string Row(string name, string value) => $"| {name} | {value} |";
