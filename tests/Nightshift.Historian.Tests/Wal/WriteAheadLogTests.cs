using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Tests.Wal;

/// <summary>The write-ahead log on its own: durability of appends, replay, torn and corrupt tails, segments and checkpoints.</summary>
public sealed class WriteAheadLogTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly WalFixture _wal = new();

    private static CancellationToken Ct => WalFixture.Ct;

    public void Dispose() => _wal.Dispose();

    [Fact]
    public async Task Every_value_kind_quality_and_timestamp_survives_a_reopen_exactly()
    {
        SampleBatch[] written =
        [
            new("acme", [
                new Sample(new SeriesId(3), T0, SampleValue.FromDouble(1.25), Quality.Good),
                new Sample(new SeriesId(1), T0.AddTicks(1), SampleValue.FromLong(-42), Quality.UncertainLastUsableValue),
                new Sample(new SeriesId(3), T0.AddSeconds(-5), SampleValue.FromDouble(double.NaN), Quality.Bad),
                new Sample(new SeriesId(2), new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc), SampleValue.FromBool(true), new Quality(0xFFFF_FFFF)),
                new Sample(new SeriesId(2), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), SampleValue.FromString("Übergabe ✓"), Quality.Good),
                new Sample(new SeriesId(1), DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), SampleValue.None, Quality.BadNotConnected),
                new Sample(new SeriesId(int.MaxValue), T0, SampleValue.FromLong(long.MinValue), Quality.Good),
            ]),
            new("other tenant", [new Sample(new SeriesId(7), T0, SampleValue.FromString(string.Empty), Quality.Good)]),
        ];
        await using (var log = await _wal.OpenAsync())
        {
            foreach (var batch in written)
            {
                await log.AppendAsync(batch, Ct);
            }
        }

        await using var reopened = await _wal.OpenAsync();

        _wal.Replayed.Count.ShouldBe(2);
        for (var i = 0; i < written.Length; i++)
        {
            _wal.Replayed[i].Tenant.ShouldBe(written[i].Tenant);
            Canonical(_wal.Replayed[i]).ShouldBe(Canonical(written[i]));
        }

        reopened.Replay.Points.ShouldBe(8);
        reopened.Replay.RecoveredCorruptTail.ShouldBeFalse();
    }

    [Fact]
    public async Task Samples_of_one_series_keep_their_order_so_the_last_write_of_a_timestamp_still_wins()
    {
        var batch = new SampleBatch("acme", [
            new Sample(new SeriesId(2), T0, SampleValue.FromDouble(1), Quality.Good),
            new Sample(new SeriesId(1), T0, SampleValue.FromDouble(10), Quality.Good),
            new Sample(new SeriesId(2), T0, SampleValue.FromDouble(2), Quality.Good),
            new Sample(new SeriesId(1), T0, SampleValue.FromDouble(20), Quality.Good),
        ]);
        await using (var log = await _wal.OpenAsync())
        {
            await log.AppendAsync(batch, Ct);
        }

        await using var reopened = await _wal.OpenAsync();

        var replayed = _wal.Replayed.ShouldHaveSingleItem().Samples;
        replayed.Where(s => s.Series.Value == 2).Select(s => s.Value.AsDouble()).ShouldBe([1, 2]);
        replayed.Where(s => s.Series.Value == 1).Select(s => s.Value.AsDouble()).ShouldBe([10, 20]);
    }

    [Fact]
    public async Task An_append_returns_only_once_its_record_is_in_the_segment_file()
    {
        await using var log = await _wal.OpenAsync();

        var end = await log.AppendAsync(Batch(1, 100), Ct);

        log.DurablePosition.ShouldBeGreaterThanOrEqualTo(end);
        var segment = _wal.Segments().ShouldHaveSingleItem();
        new FileInfo(segment).Length.ShouldBe(16 + end);
        log.SyncCount.ShouldBe(1);
    }

    [Fact]
    public async Task Series_registered_after_the_catalog_was_saved_are_restored_with_their_ids()
    {
        var first = new SeriesRegistry();
        var known = first.GetOrAdd("acme", TagPath.Parse("plant/press.power"));
        await using (var log = await _wal.OpenAsync(first))
        {
            // Registered after the log opened: the store's catalog may not hold them yet.
            var fresh = first.GetOrAdd("acme", TagPath.Parse("plant/press.speed"));
            first.GetOrAdd("acme", TagPath.Parse("plant/press.never-logged"));
            var later = first.GetOrAdd("acme", TagPath.Parse("plant/oven.temperature"));
            await log.AppendAsync(new SampleBatch("acme", [
                new Sample(known.Id, T0, SampleValue.FromDouble(1), Quality.Good),
                new Sample(fresh.Id, T0, SampleValue.FromDouble(2), Quality.Good),
            ]), Ct);
            await log.AppendAsync(new SampleBatch("acme", [new Sample(later.Id, T0, SampleValue.FromDouble(3), Quality.Good)]), Ct);
            await log.AppendAsync(new SampleBatch("acme", [new Sample(fresh.Id, T0.AddSeconds(1), SampleValue.FromDouble(4), Quality.Good)]), Ct);
        }

        // After a crash the store's catalog holds only what it had saved (here: the series of before the log opened).
        var second = new SeriesRegistry();
        second.Load([known]);
        await using var reopened = await _wal.OpenAsync(second);

        second.TryGet(new SeriesId(2), out var speed).ShouldBeTrue();
        speed.Path.ShouldBe(TagPath.Parse("plant/press.speed"));
        second.TryGet(new SeriesId(3), out _).ShouldBeFalse();
        second.TryGet(new SeriesId(4), out var temperature).ShouldBeTrue();
        temperature.Path.ShouldBe(TagPath.Parse("plant/oven.temperature"));
        second.GetOrAdd("acme", TagPath.Parse("plant/new.tag")).Id.Value.ShouldBe(5);
        _wal.Replayed.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_truncated_tail_is_cut_off_at_the_last_valid_record_reported_and_the_log_goes_on()
    {
        long secondEnd;
        await using (var log = await _wal.OpenAsync())
        {
            await log.AppendAsync(Batch(1, 10), Ct);
            secondEnd = await log.AppendAsync(Batch(2, 10), Ct);
            await log.AppendAsync(Batch(3, 10), Ct);
        }

        var segment = _wal.Segments().ShouldHaveSingleItem();
        var length = new FileInfo(segment).Length;
        await using (var stream = new FileStream(segment, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(length - 5);
        }

        await using (var reopened = await _wal.OpenAsync())
        {
            _wal.Replayed.Select(b => b.Samples[0].Series.Value).ShouldBe([1, 2]);
            reopened.Replay.RecoveredCorruptTail.ShouldBeTrue();
            reopened.Replay.Problem!.ShouldContain("torn record");
            reopened.Replay.EndPosition.ShouldBe(secondEnd);
            reopened.Replay.TruncatedBytes.ShouldBe(length - 5 - 16 - secondEnd);
            _wal.Logger.Entries.ShouldContain(e => e.Id.Id == 3301 && e.Message.Contains(Path.GetFileName(segment), StringComparison.Ordinal));
            new FileInfo(segment).Length.ShouldBe(16 + secondEnd);
            await reopened.AppendAsync(Batch(4, 10), Ct);
        }

        await using var third = await _wal.OpenAsync();
        third.Replay.RecoveredCorruptTail.ShouldBeFalse();
        _wal.Replayed.Select(b => b.Samples[0].Series.Value).ShouldBe([1, 2, 4]);
    }

    [Fact]
    public async Task A_bit_flipped_record_fails_its_crc_and_the_log_is_recovered_up_to_the_record_before_it()
    {
        long firstEnd;
        await using (var log = await _wal.OpenAsync())
        {
            firstEnd = await log.AppendAsync(Batch(1, 10), Ct);
            await log.AppendAsync(Batch(2, 10), Ct);
        }

        var segment = _wal.Segments().ShouldHaveSingleItem();
        var bytes = await File.ReadAllBytesAsync(segment, Ct);
        bytes[^3] ^= 0x10;
        await File.WriteAllBytesAsync(segment, bytes, Ct);

        await using var reopened = await _wal.OpenAsync();

        _wal.Replayed.Select(b => b.Samples[0].Series.Value).ShouldBe([1]);
        reopened.Replay.Problem.ShouldBe("a CRC mismatch");
        reopened.Replay.EndPosition.ShouldBe(firstEnd);
        _wal.Logger.Entries.ShouldContain(e => e.Id.Id == 3301);
        _wal.Logger.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_zero_filled_tail_is_a_bad_record_length_and_is_cut_off()
    {
        await using (var log = await _wal.OpenAsync())
        {
            await log.AppendAsync(Batch(1, 10), Ct);
        }

        var segment = _wal.Segments().ShouldHaveSingleItem();
        await using (var stream = new FileStream(segment, FileMode.Append, FileAccess.Write))
        {
            await stream.WriteAsync(new byte[4096], Ct);
        }

        await using var reopened = await _wal.OpenAsync();

        _wal.Replayed.Count.ShouldBe(1);
        reopened.Replay.Problem.ShouldBe("a bad record length (0)");
        reopened.Replay.TruncatedBytes.ShouldBe(4096);
    }

    [Fact]
    public async Task Segments_after_a_corrupt_one_are_set_aside_not_replayed()
    {
        await using (var log = await _wal.OpenAsync(segmentBytes: 4096))
        {
            for (var i = 1; i <= 30; i++)
            {
                await log.AppendAsync(Batch(i, 60), Ct);
            }
        }

        var segments = _wal.Segments();
        segments.Length.ShouldBeGreaterThan(3);
        var bytes = await File.ReadAllBytesAsync(segments[1], Ct);
        bytes[40] ^= 0xFF;
        await File.WriteAllBytesAsync(segments[1], bytes, Ct);

        await using var reopened = await _wal.OpenAsync(segmentBytes: 4096);

        reopened.Replay.RecoveredCorruptTail.ShouldBeTrue();
        reopened.Replay.DiscardedSegments.ShouldBe(segments.Length - 2);
        Directory.GetFiles(_wal.WalFolder, "*.wal.discarded").Length.ShouldBe(segments.Length - 2);
        _wal.Logger.Entries.ShouldContain(e => e.Id.Id == 3302);
        _wal.Replayed.Select(b => b.Samples[0].Series.Value).ShouldBe(Enumerable.Range(1, _wal.Replayed.Count));
    }

    [Fact]
    public async Task A_checkpoint_deletes_the_segments_wholly_before_it_and_the_next_open_replays_only_what_follows()
    {
        var ends = new List<long>();
        await using (var log = await _wal.OpenAsync(segmentBytes: 4096))
        {
            for (var i = 1; i <= 40; i++)
            {
                ends.Add(await log.AppendAsync(Batch(i, 60), Ct));
            }

            var before = log.SegmentCount;
            before.ShouldBeGreaterThan(3);
            var deleted = await log.CheckpointAsync(ends[27], Ct);

            deleted.ShouldBeGreaterThan(0);
            log.SegmentCount.ShouldBe(before - deleted);
            _wal.Segments().Length.ShouldBe(log.SegmentCount);
        }

        await using var reopened = await _wal.OpenAsync(segmentBytes: 4096);

        _wal.Replayed.Select(b => b.Samples[0].Series.Value).ShouldBe(Enumerable.Range(29, 12));
        reopened.Replay.SkippedRecords.ShouldBeGreaterThan(0);
        reopened.Replay.RecoveredCorruptTail.ShouldBeFalse();
    }

    [Fact]
    public async Task A_checkpoint_at_the_end_leaves_nothing_to_replay()
    {
        await using (var log = await _wal.OpenAsync())
        {
            var end = await log.AppendAsync(Batch(1, 10), Ct);
            await log.CheckpointAsync(end, Ct);
        }

        await using var reopened = await _wal.OpenAsync();

        _wal.Replayed.ShouldBeEmpty();
        reopened.Replay.SkippedRecords.ShouldBe(1);
        reopened.AppendedPosition.ShouldBe(reopened.Replay.EndPosition);
    }

    [Fact]
    public async Task Concurrent_appenders_share_fsyncs_and_every_append_gets_its_own_position()
    {
        await using var log = await _wal.OpenAsync();
        const int writers = 64;
        const int appendsEach = 20;

        var positions = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(
            async () =>
            {
                var mine = new List<long>();
                for (var i = 0; i < appendsEach; i++)
                {
                    mine.Add(await log.AppendAsync(Batch(w + 1, 10, T0.AddSeconds(i)), Ct));
                }

                return mine;
            },
            Ct)));

        var all = positions.SelectMany(p => p).ToList();
        all.Distinct().Count().ShouldBe(writers * appendsEach);
        log.SyncCount.ShouldBeLessThan(writers * appendsEach);
        log.DurablePosition.ShouldBe(all.Max());
    }

    [Fact]
    public async Task A_disposed_log_refuses_appends()
    {
        var log = await _wal.OpenAsync();
        await log.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(async () => await log.AppendAsync(Batch(1, 1), Ct));
        await log.DisposeAsync();
    }

    [Fact]
    public async Task An_empty_batch_writes_nothing()
    {
        await using var log = await _wal.OpenAsync();

        (await log.AppendAsync(new SampleBatch("acme", []), Ct)).ShouldBe(0);

        log.SyncCount.ShouldBe(0);
        log.AppendedPosition.ShouldBe(0);
    }

    internal static SampleBatch Batch(int series, int points, DateTime? start = null)
    {
        var samples = new Sample[points];
        for (var i = 0; i < points; i++)
        {
            samples[i] = new Sample(new SeriesId(series), (start ?? T0).AddMilliseconds(i * 100), SampleValue.FromDouble(series + (i * 0.5)), Quality.Good);
        }

        return new SampleBatch("acme", samples);
    }

    /// <summary>A batch's samples in the log's order: grouped by series (stable), as text to compare.</summary>
    private static List<string> Canonical(SampleBatch batch) =>
        [.. batch.Samples
            .Select((s, i) => (s, i))
            .OrderBy(p => p.s.Series.Value)
            .ThenBy(p => p.i)
            .Select(p => $"{p.s.Series}|{p.s.Timestamp.Ticks}|{p.s.Timestamp.Kind}|{p.s.Value.Kind}|{p.s.Value}|{p.s.Quality.Code}")];
}
