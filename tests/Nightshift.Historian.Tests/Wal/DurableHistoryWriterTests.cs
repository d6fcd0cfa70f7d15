using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Wal;

namespace Nightshift.Historian.Tests.Wal;

/// <summary>The log in front of the DuckDB engine: what the log holds reaches history after a crash, exactly once per timestamp.</summary>
public sealed class DurableHistoryWriterTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly WalFixture _wal = new();
    private readonly RecordingLogger<DuckDbHistorian> _engineLogger = new();

    private static CancellationToken Ct => WalFixture.Ct;

    public void Dispose() => _wal.Dispose();

    [Fact]
    public async Task Points_that_were_only_in_the_log_when_the_process_died_are_in_history_after_the_restart()
    {
        var registry = new SeriesRegistry();
        SeriesId power;
        await using (var engine = await OpenEngineAsync(registry))
        await using (var log = await _wal.OpenAsync(registry))
        {
            // Registered and logged, but the engine never saw the batch nor saved the series: as after kill -9.
            power = registry.GetOrAdd("acme", TagPath.Parse("plant/press.power")).Id;
            await log.AppendAsync(Batch(power, 0, 100), Ct);
        }

        var restarted = new SeriesRegistry();
        await using (var engine = await OpenEngineAsync(restarted))
        await using (var writer = await DurableHistoryWriter.OpenAsync(engine, _wal.Options(), restarted, TimeProvider.System, NullLoggerFactory.Instance, Ct))
        {
            writer.Log.Replay.Points.ShouldBe(100);
            restarted.TryGet(power, out var info).ShouldBeTrue();
            info.Path.ShouldBe(TagPath.Parse("plant/press.power"));
            var read = await engine.ReadRawAsync(power, T0, T0.AddHours(1), 1000, Ct);
            read.Count.ShouldBe(100);
        }

        // The replay was flushed and checkpointed: the catalog now holds the series, and nothing is replayed again.
        var third = new SeriesRegistry();
        await using (var engine = await OpenEngineAsync(third))
        await using (var writer = await DurableHistoryWriter.OpenAsync(engine, _wal.Options(), third, TimeProvider.System, NullLoggerFactory.Instance, Ct))
        {
            third.TryGet(power, out _).ShouldBeTrue();
            writer.Log.Replay.Records.ShouldBe(0);
        }

        _engineLogger.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Replaying_points_the_engine_already_stored_keeps_one_value_per_timestamp_the_last_written()
    {
        var registry = new SeriesRegistry();
        SeriesId power;
        await using (var engine = await OpenEngineAsync(registry))
        await using (var log = await _wal.OpenAsync(registry))
        {
            power = registry.GetOrAdd("acme", TagPath.Parse("plant/press.power")).Id;
            var first = Batch(power, 0, 10);
            var overwrite = Batch(power, 1000, 10);
            foreach (var batch in new[] { first, overwrite })
            {
                await log.AppendAsync(batch, Ct);
                await engine.WriteAsync(batch, Ct);
            }

            await engine.FlushAsync(Ct);
        }

        var restarted = new SeriesRegistry();
        await using var engineAfter = await OpenEngineAsync(restarted);
        await using var writer = await DurableHistoryWriter.OpenAsync(engineAfter, _wal.Options(), restarted, TimeProvider.System, NullLoggerFactory.Instance, Ct);

        writer.Log.Replay.Points.ShouldBe(20);
        var read = await engineAfter.ReadRawAsync(power, T0, T0.AddHours(1), 1000, Ct);
        read.Count.ShouldBe(10);
        read.Select(s => s.Value.AsDouble()).ShouldBe(Enumerable.Range(0, 10).Select(i => 1000.0 + i));
    }

    [Fact]
    public async Task A_write_is_in_the_log_when_it_returns_and_a_flush_checkpoints_it_away()
    {
        var registry = new SeriesRegistry();
        await using var engine = await OpenEngineAsync(registry);
        await using var writer = await DurableHistoryWriter.OpenAsync(engine, _wal.Options(), registry, TimeProvider.System, NullLoggerFactory.Instance, Ct);
        var power = registry.GetOrAdd("acme", TagPath.Parse("plant/press.power")).Id;

        await writer.WriteAsync(Batch(power, 0, 50), Ct);

        writer.Log.DurablePosition.ShouldBeGreaterThan(0);
        await writer.FlushAsync(Ct);
        (await engine.ReadRawAsync(power, T0, T0.AddHours(1), 1000, Ct)).Count.ShouldBe(50);
        File.ReadAllBytes(Path.Combine(_wal.WalFolder, "checkpoint")).Length.ShouldBe(12);
    }

    [Fact]
    public async Task Concurrent_writes_during_checkpoints_all_reach_history()
    {
        var registry = new SeriesRegistry();
        await using var engine = await OpenEngineAsync(registry);
        await using var writer = await DurableHistoryWriter.OpenAsync(engine, _wal.Options(4096), registry, TimeProvider.System, NullLoggerFactory.Instance, Ct);
        var series = Enumerable.Range(0, 16).Select(i => registry.GetOrAdd("acme", TagPath.Parse($"plant/press.t{i}")).Id).ToArray();

        var writers = series.Select(id => Task.Run(
            async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    await writer.WriteAsync(Batch(id, i * 10, 10, firstSecond: i * 10), Ct);
                }
            },
            Ct)).ToList();
        var checkpoints = Task.Run(
            async () =>
            {
                while (!writers.TrueForAll(w => w.IsCompleted))
                {
                    await writer.FlushAsync(Ct);
                }
            },
            Ct);
        await Task.WhenAll([.. writers, checkpoints]);
        await writer.FlushAsync(Ct);

        foreach (var id in series)
        {
            (await engine.ReadRawAsync(id, T0, T0.AddHours(1), 1000, Ct)).Count.ShouldBe(200);
        }

        writer.Log.SegmentCount.ShouldBe(1);
    }

    private Task<DuckDbHistorian> OpenEngineAsync(SeriesRegistry registry) =>
        DuckDbHistorian.OpenAsync(new DuckDbHistorianOptions { DataFolder = _wal.DataFolder }, registry, TimeProvider.System, _engineLogger, Ct);

    private static SampleBatch Batch(SeriesId series, int valueOffset, int points, int firstSecond = 0)
    {
        var samples = new Sample[points];
        for (var i = 0; i < points; i++)
        {
            samples[i] = new Sample(series, T0.AddSeconds(firstSecond + i), SampleValue.FromDouble(valueOffset + i), Quality.Good);
        }

        return new SampleBatch("acme", samples);
    }
}
