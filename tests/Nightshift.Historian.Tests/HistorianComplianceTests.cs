using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Tests;

/// <summary>
/// What every <see cref="IHistorian"/> engine must do. A subclass per engine opens it on a store that lives as long as
/// the test instance, so <see cref="ReopenAsync"/> sees what was written before.
/// </summary>
public abstract partial class HistorianComplianceTests : IAsyncLifetime
{
    protected const string Tenant = "acme";

    protected static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    protected SeriesRegistry Registry { get; private set; } = new();

    protected IHistorian Historian { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Historian = await OpenAsync(Registry);

    public virtual async ValueTask DisposeAsync()
    {
        await Historian.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens the engine on this test's store, loading its series into <paramref name="registry"/>.</summary>
    protected abstract Task<IHistorian> OpenAsync(SeriesRegistry registry);

    /// <summary>Closes the historian and opens the same store again with a fresh registry, as after a restart.</summary>
    protected async Task ReopenAsync()
    {
        await Historian.DisposeAsync();
        Registry = new SeriesRegistry();
        Historian = await OpenAsync(Registry);
    }

    protected SeriesId Series(string path) => Registry.GetOrAdd(Tenant, TagPath.Parse(path)).Id;

    protected static Sample Number(SeriesId series, DateTime time, double value) =>
        new(series, time, SampleValue.FromDouble(value), Quality.Good);

    protected async Task WriteAndFlushAsync(params Sample[] samples)
    {
        await Historian.WriteAsync(new SampleBatch(Tenant, samples), Ct);
        await Historian.FlushAsync(Ct);
    }

    [Fact]
    public async Task Written_samples_are_read_back_in_time_order_after_a_flush()
    {
        var power = Series("plant/press/press-1.power");
        var other = Series("plant/press/press-2.power");
        await Historian.WriteAsync(new SampleBatch(Tenant, [Number(power, T0.AddSeconds(2), 12.5), Number(other, T0, 99)]), Ct);
        await WriteAndFlushAsync(Number(power, T0, 10), Number(power, T0.AddSeconds(1), 11));

        var all = await Historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 100, Ct);

        all.ShouldBe([Number(power, T0, 10), Number(power, T0.AddSeconds(1), 11), Number(power, T0.AddSeconds(2), 12.5)]);
        all.ShouldAllBe(s => s.Timestamp.Kind == DateTimeKind.Utc);
    }

    [Fact]
    public async Task A_raw_read_is_half_open_and_stops_at_the_limit()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync([.. Enumerable.Range(0, 10).Select(i => Number(power, T0.AddSeconds(i), i))]);

        var range = await Historian.ReadRawAsync(power, T0.AddSeconds(2), T0.AddSeconds(5), 100, Ct);
        var limited = await Historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 4, Ct);

        range.Select(s => s.Value.AsDouble()).ShouldBe([2, 3, 4]);
        limited.Select(s => s.Value.AsDouble()).ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public async Task Timestamps_keep_their_microseconds()
    {
        var power = Series("plant/press/press-1.power");
        var time = T0.AddTicks(1_234_560);
        await WriteAndFlushAsync(Number(power, time, 1));

        var read = await Historian.ReadRawAsync(power, time, time.AddTicks(10), 10, Ct);

        read.Single().Timestamp.ShouldBe(time);
    }

    [Fact]
    public async Task Buckets_hold_the_min_max_avg_first_last_and_count_of_the_numeric_good_samples()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(
            Number(power, T0.AddSeconds(1), 4),
            Number(power, T0.AddSeconds(3), 2),
            Number(power, T0.AddSeconds(7), 9),
            new Sample(power, T0.AddSeconds(8), SampleValue.FromString("not a number"), Quality.Good),
            new Sample(power, T0.AddSeconds(9), SampleValue.None, Quality.BadNotConnected),
            new Sample(power, T0.AddSeconds(9.5), SampleValue.FromDouble(1000), Quality.BadDeviceFailure),
            Number(power, T0.AddSeconds(12), -1),
            new Sample(power, T0.AddSeconds(15), SampleValue.FromLong(5), Quality.Uncertain),
            Number(power, T0.AddSeconds(35), 3));

        var buckets = await Historian.ReadBucketsAsync(power, T0, T0.AddMinutes(1), TimeSpan.FromSeconds(10), Ct);

        buckets.ShouldBe(
        [
            new AggregateBucket(T0, Min: 2, Max: 9, Avg: 5, First: 4, Last: 9, Count: 3),
            new AggregateBucket(T0.AddSeconds(10), Min: -1, Max: 5, Avg: 2, First: -1, Last: 5, Count: 2),
            new AggregateBucket(T0.AddSeconds(30), Min: 3, Max: 3, Avg: 3, First: 3, Last: 3, Count: 1),
        ]);
    }

    [Fact]
    public async Task Buckets_are_aligned_to_whole_multiples_of_their_width()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0.AddMinutes(59), 1), Number(power, T0.AddMinutes(61), 2));

        var buckets = await Historian.ReadBucketsAsync(power, T0.AddMinutes(30), T0.AddHours(2), TimeSpan.FromHours(1), Ct);

        buckets.Select(b => b.Start).ShouldBe([T0, T0.AddHours(1)]);
        buckets.ShouldAllBe(b => b.Start.Kind == DateTimeKind.Utc);
    }

    [Fact]
    public async Task Decimation_keeps_the_global_min_and_max_of_a_large_series_within_max_points()
    {
        var vibration = Series("plant/cnc/spindle-1.vibration");
        const int Count = 100_000;
        var samples = new Sample[Count];
        for (var i = 0; i < Count; i++)
        {
            samples[i] = Number(vibration, T0.AddMilliseconds(i * 100), Math.Sin(i / 500.0));
        }

        samples[31_337] = Number(vibration, samples[31_337].Timestamp, 42);
        samples[77_777] = Number(vibration, samples[77_777].Timestamp, -42);
        foreach (var chunk in samples.Chunk(5_000))
        {
            await Historian.WriteAsync(new SampleBatch(Tenant, chunk), Ct);
        }

        await Historian.FlushAsync(Ct);

        var trend = await Historian.ReadDecimatedAsync(vibration, T0, T0.AddHours(3), 400, Ct);

        trend.Count.ShouldBeLessThanOrEqualTo(400);
        trend.Count.ShouldBeGreaterThan(200);
        trend.ShouldContain(samples[31_337]);
        trend.ShouldContain(samples[77_777]);
        trend.ShouldContain(samples[0]);
        trend.ShouldContain(samples[^1]);
        trend.Select(s => s.Timestamp).ShouldBeInOrder(SortDirection.Ascending);
        trend.Select(s => s.Timestamp).Distinct().Count().ShouldBe(trend.Count);
    }

    [Fact]
    public async Task Decimation_of_fewer_points_than_max_points_returns_the_raw_points()
    {
        var power = Series("plant/press/press-1.power");
        Sample[] samples = [.. Enumerable.Range(0, 50).Select(i => Number(power, T0.AddSeconds(i), i % 7))];
        await WriteAndFlushAsync(samples);

        var trend = await Historian.ReadDecimatedAsync(power, T0, T0.AddMinutes(1), 100, Ct);

        trend.ShouldBe(samples);
    }

    [Fact]
    public async Task Decimation_to_fewer_than_four_points_keeps_the_extremes()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0, 5), Number(power, T0.AddSeconds(1), 1), Number(power, T0.AddSeconds(2), 9), Number(power, T0.AddSeconds(3), 6));

        var trend = await Historian.ReadDecimatedAsync(power, T0, T0.AddMinutes(1), 2, Ct);

        trend.ShouldBe([Number(power, T0.AddSeconds(1), 1), Number(power, T0.AddSeconds(2), 9)]);
    }

    [Fact]
    public async Task Reopening_keeps_the_samples_and_the_series_ids_and_a_new_series_gets_a_new_id()
    {
        var first = Series("plant/press/press-1.power");
        var second = Series("plant/press/press-1.strokes");
        await WriteAndFlushAsync(Number(first, T0, 1.5), Number(second, T0, 7));

        await ReopenAsync();

        Registry.TryGet(Tenant, TagPath.Parse("plant/press/press-1.power"), out var power).ShouldBeTrue();
        Registry.TryGet(Tenant, TagPath.Parse("plant/press/press-1.strokes"), out var strokes).ShouldBeTrue();
        power.Id.ShouldBe(first);
        strokes.Id.ShouldBe(second);
        (await Historian.ReadRawAsync(first, T0, T0.AddSeconds(1), 10, Ct)).ShouldBe([Number(first, T0, 1.5)]);
        var third = Series("plant/press/press-2.power");
        third.Value.ShouldBeGreaterThan(second.Value);
    }

    [Fact]
    public async Task A_series_registered_after_a_reopen_is_persisted_too()
    {
        var first = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(first, T0, 1));
        await ReopenAsync();
        var added = Series("plant/press/press-2.power");
        await WriteAndFlushAsync(Number(added, T0, 2));

        await ReopenAsync();

        Registry.TryGet(added, out var info).ShouldBeTrue();
        info.Path.ShouldBe(TagPath.Parse("plant/press/press-2.power"));
        Registry.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_flush_persists_series_that_have_no_samples_yet()
    {
        var first = Series("plant/press/press-1.power");
        var second = Series("plant/press/press-1.strokes");
        await Historian.FlushAsync(Ct);

        await ReopenAsync();

        Registry.TryGet(second, out var info).ShouldBeTrue();
        info.Path.ShouldBe(TagPath.Parse("plant/press/press-1.strokes"));
        Registry.TryGet(Tenant, TagPath.Parse("plant/press/press-1.power"), out var power).ShouldBeTrue();
        power.Id.ShouldBe(first);
    }

    [Fact]
    public async Task The_last_write_of_a_timestamp_wins_in_every_read()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0, 1), Number(power, T0.AddSeconds(1), 2));
        await WriteAndFlushAsync(Number(power, T0, 10), Number(power, T0, 20));

        var raw = await Historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 10, Ct);
        var bucket = (await Historian.ReadBucketsAsync(power, T0, T0.AddMinutes(1), TimeSpan.FromMinutes(1), Ct)).Single();
        var latest = await Historian.ReadLatestAsync(power, T0, Ct);
        var trend = await Historian.ReadDecimatedAsync(power, T0, T0.AddMinutes(1), 10, Ct);

        raw.ShouldBe([Number(power, T0, 20), Number(power, T0.AddSeconds(1), 2)]);
        bucket.ShouldBe(new AggregateBucket(T0, 2, 20, 11, 20, 2, 2));
        latest.ShouldBe(Number(power, T0, 20));
        trend.ShouldBe(raw);
    }

    [Fact]
    public async Task A_later_quality_only_write_replaces_a_value_of_the_same_timestamp()
    {
        var power = Series("plant/press/press-1.power");
        var offline = new Sample(power, T0, SampleValue.None, Quality.BadNotConnected);
        await WriteAndFlushAsync(Number(power, T0, 5));
        await WriteAndFlushAsync(offline);

        (await Historian.ReadRawAsync(power, T0, T0.AddSeconds(1), 10, Ct)).ShouldBe([offline]);
        (await Historian.ReadBucketsAsync(power, T0, T0.AddSeconds(1), TimeSpan.FromSeconds(1), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Strings_bools_longs_and_quality_only_samples_round_trip()
    {
        var state = Series("plant/press/press-1.state");
        Sample[] samples =
        [
            new(state, T0, SampleValue.FromString("Running — zone 3 ✓"), Quality.Good),
            new(state, T0.AddSeconds(1), SampleValue.FromBool(true), Quality.Good),
            new(state, T0.AddSeconds(2), SampleValue.FromBool(false), Quality.Uncertain),
            new(state, T0.AddSeconds(3), SampleValue.FromLong(-9_007_199_254_740_992), Quality.Good),
            new(state, T0.AddSeconds(4), SampleValue.None, Quality.BadNotConnected),
            new(state, T0.AddSeconds(5), SampleValue.FromString(string.Empty), Quality.UncertainLastUsableValue),
            new(state, T0.AddSeconds(6), SampleValue.FromDouble(double.NaN), new Quality(0xC123_0000)),
        ];
        await WriteAndFlushAsync(samples);

        var read = await Historian.ReadRawAsync(state, T0, T0.AddMinutes(1), 100, Ct);

        read.ShouldBe(samples);
        read.Select(s => s.Value.Kind).ShouldBe([ValueKind.String, ValueKind.Bool, ValueKind.Bool, ValueKind.Long, ValueKind.None, ValueKind.String, ValueKind.Double]);
    }

    [Fact]
    public async Task Latest_is_the_last_sample_at_or_before_the_time()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0.AddSeconds(20), 3), Number(power, T0, 1), Number(power, T0.AddSeconds(10), 2));

        (await Historian.ReadLatestAsync(power, T0.AddSeconds(10), Ct)).ShouldBe(Number(power, T0.AddSeconds(10), 2));
        (await Historian.ReadLatestAsync(power, T0.AddSeconds(15), Ct)).ShouldBe(Number(power, T0.AddSeconds(10), 2));
        (await Historian.ReadLatestAsync(power, T0.AddDays(1), Ct)).ShouldBe(Number(power, T0.AddSeconds(20), 3));
        (await Historian.ReadLatestAsync(power, T0.AddTicks(-10), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task An_unknown_series_reads_empty()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0, 1));
        var unknown = new SeriesId(4711);

        (await Historian.ReadRawAsync(unknown, T0, T0.AddDays(1), 10, Ct)).ShouldBeEmpty();
        (await Historian.ReadBucketsAsync(unknown, T0, T0.AddDays(1), TimeSpan.FromHours(1), Ct)).ShouldBeEmpty();
        (await Historian.ReadDecimatedAsync(unknown, T0, T0.AddDays(1), 100, Ct)).ShouldBeEmpty();
        (await Historian.ReadLatestAsync(unknown, T0.AddDays(1), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task An_empty_or_reversed_range_reads_empty()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0, 1));

        (await Historian.ReadRawAsync(power, T0, T0, 10, Ct)).ShouldBeEmpty();
        (await Historian.ReadBucketsAsync(power, T0.AddSeconds(1), T0, TimeSpan.FromSeconds(1), Ct)).ShouldBeEmpty();
        (await Historian.ReadDecimatedAsync(power, T0.AddSeconds(1), T0, 10, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Samples_written_concurrently_are_all_stored()
    {
        var series = Enumerable.Range(0, 8).Select(i => Series($"plant/line/robot-{i}.torque")).ToArray();
        await Task.WhenAll(series.Select(id => Task.Run(async () =>
        {
            for (var batch = 0; batch < 50; batch++)
            {
                var samples = Enumerable.Range(0, 20).Select(i => Number(id, T0.AddSeconds((batch * 20) + i), i)).ToArray();
                await Historian.WriteAsync(new SampleBatch(Tenant, samples), Ct);
            }
        }, Ct)));
        await Historian.FlushAsync(Ct);

        foreach (var id in series)
        {
            (await Historian.ReadRawAsync(id, T0, T0.AddDays(1), 10_000, Ct)).Count.ShouldBe(1_000);
        }
    }

    [Fact]
    public async Task Reads_run_concurrently_with_writes()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0, 0));
        var writing = Task.Run(async () =>
        {
            for (var i = 1; i <= 200; i++)
            {
                await Historian.WriteAsync(new SampleBatch(Tenant, [Number(power, T0.AddSeconds(i), i)]), Ct);
            }

            await Historian.FlushAsync(Ct);
        }, Ct);
        var reading = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                (await Historian.ReadRawAsync(power, T0, T0.AddHours(1), 1_000, Ct)).ShouldNotBeEmpty();
                (await Historian.ReadLatestAsync(power, T0.AddHours(1), Ct)).ShouldNotBeNull();
            }
        }, Ct));

        await Task.WhenAll([writing, .. reading]);

        (await Historian.ReadRawAsync(power, T0, T0.AddHours(1), 1_000, Ct)).Count.ShouldBe(201);
    }

    [Fact]
    public async Task Invalid_arguments_are_refused()
    {
        var power = Series("plant/press/press-1.power");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Historian.ReadRawAsync(power, T0, T0.AddSeconds(1), 0, Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Historian.ReadDecimatedAsync(power, T0, T0.AddSeconds(1), 0, Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Historian.ReadBucketsAsync(power, T0, T0.AddSeconds(1), TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task Writing_after_dispose_is_refused()
    {
        var power = Series("plant/press/press-1.power");
        await Historian.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(async () => await Historian.WriteAsync(new SampleBatch(Tenant, [Number(power, T0, 1)]), Ct));
        await Should.ThrowAsync<ObjectDisposedException>(() => Historian.FlushAsync(Ct));
    }
}
