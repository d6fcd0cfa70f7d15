namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// One system under test: starts what it needs, ingests the data set end to end, measures the size on disk and the
/// queries of the plan, and stops what it started (also when it fails). Used from one thread.
/// </summary>
public interface IBenchTarget
{
    /// <summary>The name printed in the table.</summary>
    string Name { get; }

    /// <summary>The key of <c>--systems</c> (nightshift, vm, influx, pg).</summary>
    string Key { get; }

    /// <summary>Runs the benchmark of this system in <paramref name="folder"/> (its own, empty).</summary>
    /// <exception cref="Exception">Whatever stops the system from being measured; reported as n/a with the message.</exception>
    Task<SystemResult> RunAsync(PlantDataSet data, QueryPlan plan, BenchOptions options, string folder, CancellationToken ct);
}
