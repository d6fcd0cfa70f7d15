namespace Nightshift.Benchmarks.Connectivity;

/// <summary>Polls per second, latency p50/p99 in ms (NaN when not measured) and CPU used by this process in cores (NaN when not ours).</summary>
internal sealed record PollFigures(double PerSecond, double P50Ms, double P99Ms, double Cores);
