using System.Diagnostics;
using Nightshift.Connectivity.Modbus;

namespace Nightshift.Benchmarks.Connectivity;

/// <summary>
/// Nightshift's Modbus TCP client against a server: read requests of a few holding registers sent
/// one after another (as the client serves one gateway: one request at a time) for a while; requests per second and
/// the latency of each. Not thread-safe.
/// </summary>
internal static class ModbusPolls
{
    public static async Task<PollFigures> RunAsync(int port, int registers, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var client = new ModbusTcpClient(new ModbusTcpClientOptions { Host = "127.0.0.1", Port = port });
        var request = ModbusRequest.ReadHoldingRegisters(1, 0, registers);

        // Warm-up: connect and let the JIT compile the path.
        for (var i = 0; i < 200; i++)
        {
            await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var latencies = new List<double>(100_000);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            var sent = Stopwatch.GetTimestamp();
            var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsException)
            {
                throw new InvalidOperationException($"the server answered with exception {response.ExceptionCode}");
            }

            latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        latencies.Sort();
        return new PollFigures(latencies.Count / elapsed.TotalSeconds, Percentile(latencies, 0.5), Percentile(latencies, 0.99), cpuUsed.TotalSeconds / elapsed.TotalSeconds);
    }

    internal static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
