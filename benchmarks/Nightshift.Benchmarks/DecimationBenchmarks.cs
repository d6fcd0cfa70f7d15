using BenchmarkDotNet.Attributes;
using Nightshift.Core.Series;

namespace Nightshift.Benchmarks;

/// <summary>
/// The 1-day trend: <c>ReadDecimatedAsync</c> of one series with 1 day at 1 Hz (86,400 samples) down to 1000 points,
/// from a flushed <see cref="Nightshift.Historian.DuckDbHistorian"/> in a temp folder. Not thread-safe. The setup throws
/// <see cref="InvalidOperationException"/> when the read does not return 1 to 1000 points.
/// </summary>
[MemoryDiagnoser]
public class DecimationBenchmarks
{
    private const int PointsPerDay = 86_400;
    private const int MaxPoints = 1_000;

    private HistorianStore _store = null!;
    private SeriesId _series;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = await HistorianStore.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        var ids = _store.AddSeries(1);
        _series = ids[0];
        foreach (var batch in HistorianStore.MakeBatches(ids, PointsPerDay))
        {
            await _store.Historian.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }

        await _store.Historian.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        var count = await DecimateDay().ConfigureAwait(false);
        if (count is 0 or > MaxPoints)
        {
            throw new InvalidOperationException($"the decimated day has {count} points; expected 1 to {MaxPoints}");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _store.DisposeAsync().ConfigureAwait(false);

    /// <summary>Reads the day decimated to at most 1000 points.</summary>
    [Benchmark]
    public async Task<int> DecimateDay()
    {
        var points = await _store.Historian.ReadDecimatedAsync(
            _series,
            HistorianStore.StartUtc,
            HistorianStore.StartUtc.AddDays(1),
            MaxPoints,
            CancellationToken.None).ConfigureAwait(false);
        return points.Count;
    }
}
