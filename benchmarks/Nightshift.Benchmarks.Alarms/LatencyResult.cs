namespace Nightshift.Benchmarks.Alarms;

/// <summary>The paced run: points sent, wall time, alarm transitions, notifications timed, their percentiles (ms), and batches still queued at the end.</summary>
public sealed record LatencyResult(long Points, double Seconds, long Transitions, int Samples, double P50, double P99, double Max, int Backlog);
