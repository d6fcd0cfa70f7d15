using System.Diagnostics;
using System.Globalization;

namespace Nightshift.Historian.Tests.Wal;

/// <summary>
/// Group commit under concurrency: many appenders share one fsync. Prints the figures (appends/s, points/s, appends
/// per fsync) for 1, 8 and 64 concurrent writers; asserts behaviour only, not speed.
/// </summary>
public sealed class WalThroughputTests : IDisposable
{
    private const int PointsPerBatch = 100;

    private readonly WalFixture _wal = new();

    private static CancellationToken Ct => WalFixture.Ct;

    public void Dispose() => _wal.Dispose();

    [Theory]
    [InlineData(1, 200)]
    [InlineData(8, 60)]
    [InlineData(64, 15)]
    public async Task Concurrent_writers_are_made_durable_by_shared_fsyncs(int writers, int appendsEach)
    {
        await using var log = await _wal.OpenAsync();
        var batches = Enumerable.Range(0, writers).Select(w => WriteAheadLogTests.Batch(w + 1, PointsPerBatch)).ToArray();

        var clock = Stopwatch.StartNew();
        var tasks = batches.Select(batch => Task.Run(
            async () =>
            {
                for (var i = 0; i < appendsEach; i++)
                {
                    await log.AppendAsync(batch, Ct);
                }
            },
            Ct)).ToArray();
        await Task.WhenAll(tasks);
        clock.Stop();

        var appends = writers * appendsEach;
        var syncs = log.SyncCount;
        var seconds = clock.Elapsed.TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "WAL group commit, {0} writer(s), {1} points per batch: {2:N0} appends/s, {3:N0} points/s, {4} fsyncs for {5} appends ({6:N1} appends per fsync), {7:N1} ms",
            writers,
            PointsPerBatch,
            appends / seconds,
            appends * PointsPerBatch / seconds,
            syncs,
            appends,
            (double)appends / syncs,
            clock.Elapsed.TotalMilliseconds));

        syncs.ShouldBeLessThanOrEqualTo(appends);
        if (writers == 1)
        {
            syncs.ShouldBe(appends);
        }
        else if (writers >= 64)
        {
            syncs.ShouldBeLessThan(appends);
        }

        await log.DisposeAsync();
        await using var reopened = await _wal.OpenAsync();
        reopened.Replay.Points.ShouldBe(appends * PointsPerBatch);
    }
}
