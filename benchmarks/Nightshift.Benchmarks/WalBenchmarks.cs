using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Wal;

namespace Nightshift.Benchmarks;

/// <summary>
/// Durable appends to the <see cref="WriteAheadLog"/> in a temp folder with group commit: 512 appends of 100-sample
/// batches per invocation, split over <see cref="Writers"/> concurrent writers, each append awaited until its fsync.
/// The reported time is per append (<c>OperationsPerInvoke</c> = 512): appends/s = 1 s / mean, points/s = 100 × that.
/// One writer pays one fsync per append; many writers share each fsync. Not thread-safe.
/// </summary>
[MemoryDiagnoser]
public class WalBenchmarks
{
    private const int Appends = 512;
    private const int PointsPerBatch = 100;

    private string _folder = string.Empty;
    private WriteAheadLog _log = null!;
    private SampleBatch[] _batches = [];

    /// <summary>Concurrent writers, each awaiting its own appends one after the other.</summary>
    [Params(1, 8, 64)]
    public int Writers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "nightshift-bench-wal-" + Guid.NewGuid().ToString("N"));
        _log = await WriteAheadLog.OpenAsync(
            new WriteAheadLogOptions { Folder = _folder },
            new SeriesRegistry(),
            static (_, _) => ValueTask.CompletedTask,
            TimeProvider.System,
            NullLogger<WriteAheadLog>.Instance,
            CancellationToken.None).ConfigureAwait(false);
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        _batches = [.. Enumerable.Range(1, Writers).Select(w => new SampleBatch(
            "bench",
            [.. Enumerable.Range(0, PointsPerBatch).Select(i => new Sample(new SeriesId(w), start.AddSeconds(i), SampleValue.FromDouble(20 + (i % 17 * 0.25)), Quality.Good))]))];
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _log.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>512 durable appends by <see cref="Writers"/> writers.</summary>
    [Benchmark(OperationsPerInvoke = Appends)]
    public Task DurableAppend() =>
        Task.WhenAll(_batches.Select(batch => Task.Run(async () =>
        {
            for (var i = 0; i < Appends / Writers; i++)
            {
                await _log.AppendAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
        })));
}
