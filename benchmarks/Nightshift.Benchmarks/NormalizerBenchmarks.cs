using BenchmarkDotNet.Attributes;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Benchmarks;

/// <summary>
/// Normalize of a 100-point <see cref="SourceBatch"/> from one source (20 tags × 5 timestamps) to series ids, with the
/// series already registered (the steady state) and no plant model (discovered equipment path). Not thread-safe.
/// </summary>
[MemoryDiagnoser]
public class NormalizerBenchmarks
{
    private const int Points = 100;
    private const int Tags = 20;

    private Normalizer _normalizer = null!;
    private SourceBatch _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _normalizer = new Normalizer(_ => null, new SeriesRegistry());
        var start = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);
        var points = new SourcePoint[Points];
        for (var i = 0; i < Points; i++)
        {
            points[i] = new SourcePoint($"metric{i % Tags}", start.AddSeconds(i / Tags), SampleValue.FromDouble(i * 0.5), Quality.Good);
        }

        _batch = new SourceBatch("bench", "plant-1/press-line/press-1", points);
        _normalizer.Normalize(_batch);
    }

    /// <summary>Normalizes the batch (equipment resolution and one series lookup per point).</summary>
    [Benchmark]
    public int Normalize() => _normalizer.Normalize(_batch).Samples.Count;
}
