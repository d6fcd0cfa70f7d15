using BenchmarkDotNet.Attributes;
using Nightshift.Core.Samples;

namespace Nightshift.Benchmarks;

/// <summary>
/// Append of 100,000 samples grouped by series (10 series × 10,000 samples at 1 Hz, one batch per series) into a
/// <see cref="Nightshift.Historian.DuckDbHistorian"/> in a temp folder: <c>WriteAsync</c> of every batch, then
/// <c>FlushAsync</c> (everything on disk). Each invocation appends the same samples again (the samples table has no
/// uniqueness constraint), so the store grows over the run. Not thread-safe.
/// </summary>
[MemoryDiagnoser]
public class HistorianAppendBenchmarks
{
    private const int Series = 10;
    private const int PointsPerSeries = 10_000;

    private HistorianStore _store = null!;
    private SampleBatch[] _batches = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = await HistorianStore.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        _batches = HistorianStore.MakeBatches(_store.AddSeries(Series), PointsPerSeries);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _store.DisposeAsync().ConfigureAwait(false);

    /// <summary>Writes the 100,000 samples and flushes them.</summary>
    [Benchmark]
    public async Task AppendAndFlush()
    {
        foreach (var batch in _batches)
        {
            await _store.Historian.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }

        await _store.Historian.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
