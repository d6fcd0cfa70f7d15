using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Tests;

/// <summary>Rollups, aligned reads, and late, out-of-order and duplicate samples: what every engine must do.</summary>
public abstract partial class HistorianComplianceTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    [Fact]
    public async Task A_minute_rollup_holds_the_time_weighted_average_integral_and_delta_with_the_value_held_into_it()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(
            Number(power, T0.AddSeconds(50), 10),
            Number(power, T0.AddMinutes(1).AddSeconds(15), 20),
            Number(power, T0.AddMinutes(1).AddSeconds(45), 5));

        var buckets = await Historian.ReadRollupAsync(power, T0, T0.AddMinutes(2), RollupInterval.Minute, TimeZoneInfo.Utc, Ct);

        // Minute 0: 10 from :50 to the end (10 s); no value before it. Minute 1: 10 held for 15 s, 20 for 30 s, 5 for 15 s.
        buckets.ShouldMatch(
        [
            new RollupBucket(T0, T0.AddMinutes(1), 10, 10, 10, 10, 10, 1, 10, 10, 0, 100),
            new RollupBucket(T0.AddMinutes(1), T0.AddMinutes(2), 5, 20, 12.5, 825 / 60.0, 25, 2, 20, 5, 10 + 5, (10 * 15) + (20 * 30) + (5 * 15)),
        ]);
    }

    [Fact]
    public async Task Hour_and_minute_rollups_match_a_computation_from_raw_with_gaps_late_and_duplicate_samples()
    {
        var meter = Series("plant/utilities/meter-1.energy");
        var random = new Random(7);
        var points = new SortedDictionary<DateTime, double>();
        var samples = new List<Sample>();
        var time = T0.AddMinutes(-3);
        var counter = 1000.0;
        for (var i = 0; i < 600; i++)
        {
            time = time.AddSeconds(random.Next(1, 40) + (i % 97 == 0 ? 900 : 0));
            counter = random.Next(50) == 0 ? random.Next(10) : counter + random.NextDouble();
            samples.Add(Number(meter, time, counter));
            points[time] = counter;
        }

        // Out of order (reversed halves) and late duplicates that replace earlier values.
        await Historian.WriteAsync(new SampleBatch(Tenant, [.. samples.Skip(300)]), Ct);
        await WriteAndFlushAsync([.. samples.Take(300).Reverse()]);
        foreach (var late in samples.Where((_, i) => i % 50 == 3))
        {
            points[late.Timestamp] = -5;
            await Historian.WriteAsync(new SampleBatch(Tenant, [Number(meter, late.Timestamp, -5)]), Ct);
        }

        await Historian.FlushAsync(Ct);
        var from = T0.AddHours(-1);
        var to = time.AddHours(2);

        var hours = await Historian.ReadRollupAsync(meter, from, to, RollupInterval.Hour, TimeZoneInfo.Utc, Ct);
        var minutes = await Historian.ReadRollupAsync(meter, T0.AddHours(1), T0.AddHours(2), RollupInterval.Minute, TimeZoneInfo.Utc, Ct);

        var pairs = points.Select(p => (p.Key, p.Value)).ToList();
        hours.ShouldMatch(RollupReference.Compute(pairs, Edges(from, to, TimeSpan.FromHours(1))));
        minutes.ShouldMatch(RollupReference.Compute(pairs, Edges(T0.AddHours(1), T0.AddHours(2), TimeSpan.FromMinutes(1))));
        minutes.Count.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task A_late_sample_recomputes_the_buckets_it_falls_in()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0, 1), Number(power, T0.AddMinutes(30), 3));
        var before = await Historian.ReadRollupAsync(power, T0, T0.AddHours(1), RollupInterval.Hour, TimeZoneInfo.Utc, Ct);

        await WriteAndFlushAsync(Number(power, T0.AddMinutes(10), 100));
        var after = await Historian.ReadRollupAsync(power, T0, T0.AddHours(1), RollupInterval.Hour, TimeZoneInfo.Utc, Ct);
        var minute = await Historian.ReadRollupAsync(power, T0.AddMinutes(10), T0.AddMinutes(11), RollupInterval.Minute, TimeZoneInfo.Utc, Ct);

        before.Single().Max.ShouldBe(3);
        after.Single().Max.ShouldBe(100);
        after.Single().Count.ShouldBe(3);
        after.Single().Integral.ShouldBe((1 * 600) + (100 * 1200) + (3 * 1800), 1e-6);
        minute.ShouldMatch([new RollupBucket(T0.AddMinutes(10), T0.AddMinutes(11), 100, 100, 100, 100, 100, 1, 100, 100, 99, 6000)]);
    }

    [Fact]
    public async Task The_last_write_of_a_timestamp_wins_in_rollups_and_a_quality_only_write_removes_the_value()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0, 1), Number(power, T0.AddSeconds(30), 2), Number(power, T0.AddMinutes(1), 7));
        await WriteAndFlushAsync(Number(power, T0, 4), new Sample(power, T0.AddMinutes(1), SampleValue.None, Quality.BadNotConnected));

        var buckets = await Historian.ReadRollupAsync(power, T0, T0.AddMinutes(2), RollupInterval.Minute, TimeZoneInfo.Utc, Ct);

        buckets.ShouldMatch([new RollupBucket(T0, T0.AddMinutes(1), 2, 4, 3, 3, 6, 2, 4, 2, 0 + 2, (4 * 30) + (2 * 30))]);
    }

    [Fact]
    public async Task Counter_delta_counts_a_reset_from_zero_and_the_step_from_the_previous_bucket()
    {
        var strokes = Series("plant/press/press-1.strokes");
        await WriteAndFlushAsync(
            Number(strokes, T0.AddMinutes(59), 100),
            Number(strokes, T0.AddHours(1), 110),
            Number(strokes, T0.AddHours(1).AddMinutes(20), 130),
            Number(strokes, T0.AddHours(1).AddMinutes(30), 4),
            Number(strokes, T0.AddHours(1).AddMinutes(40), 9));

        var hour = (await Historian.ReadRollupAsync(strokes, T0.AddHours(1), T0.AddHours(2), RollupInterval.Hour, TimeZoneInfo.Utc, Ct)).Single();

        hour.Delta.ShouldBe(10 + 20 + 4 + 5);
        hour.First.ShouldBe(110);
        hour.Last.ShouldBe(9);
    }

    [Fact]
    public async Task Day_rollups_start_at_local_midnight_and_a_daylight_saving_day_lasts_23_hours()
    {
        var power = Series("plant/press/press-1.power");
        var march28 = new DateTime(2026, 3, 27, 23, 0, 0, DateTimeKind.Utc); // 00:00 CET
        var march29 = new DateTime(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc); // 00:00 CET; 02:00 becomes 03:00 CEST
        var march30 = new DateTime(2026, 3, 29, 22, 0, 0, DateTimeKind.Utc); // 00:00 CEST
        Sample[] samples =
        [
            Number(power, march28.AddHours(5), 2),
            Number(power, march29.AddMinutes(-30), 4),
            Number(power, march29.AddHours(12), 6),
            Number(power, march30.AddMinutes(30), 8),
        ];
        await WriteAndFlushAsync(samples);

        var days = await Historian.ReadRollupAsync(power, march28.AddHours(1), march30.AddHours(1), RollupInterval.Day, Berlin, Ct);

        days.Select(d => (d.Start, d.End)).ShouldBe([(march28, march29), (march29, march30), (march30, march30.AddHours(24))]);
        (days[1].End - days[1].Start).ShouldBe(TimeSpan.FromHours(23));
        days.ShouldMatch(RollupReference.Compute(samples.Select(s => (s.Timestamp, s.Value.AsDouble())), [march28, march29, march30, march30.AddHours(24)]));
    }

    [Fact]
    public async Task Day_rollups_in_a_half_hour_zone_start_at_its_local_midnight()
    {
        var power = Series("plant/press/press-1.power");
        var midnight = new DateTime(2026, 3, 1, 18, 30, 0, DateTimeKind.Utc); // 00:00 IST on 2 March
        Sample[] samples = [Number(power, midnight.AddMinutes(-1), 1), Number(power, midnight.AddMinutes(1), 3), Number(power, midnight.AddHours(23).AddMinutes(59), 5)];
        await WriteAndFlushAsync(samples);

        var days = await Historian.ReadRollupAsync(power, midnight.AddHours(-2), midnight.AddHours(2), RollupInterval.Day, Kolkata, Ct);

        days.ShouldMatch(RollupReference.Compute(samples.Select(s => (s.Timestamp, s.Value.AsDouble())), [midnight.AddDays(-1), midnight, midnight.AddDays(1)]));
        days.Select(d => d.Count).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task Rollups_leave_out_buckets_without_samples_and_an_empty_range_reads_empty()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0, 1), Number(power, T0.AddHours(3).AddMinutes(30), 2));

        var hours = await Historian.ReadRollupAsync(power, T0, T0.AddHours(4), RollupInterval.Hour, TimeZoneInfo.Utc, Ct);

        hours.Select(h => h.Start).ShouldBe([T0, T0.AddHours(3)]);
        hours[1].Integral.ShouldBe((1 * 1800.0) + (2 * 1800.0), 1e-6, "the value held through the empty hours reaches the next bucket's start only");
        (await Historian.ReadRollupAsync(power, T0, T0, RollupInterval.Hour, TimeZoneInfo.Utc, Ct)).ShouldBeEmpty();
        (await Historian.ReadRollupAsync(new SeriesId(4711), T0, T0.AddDays(1), RollupInterval.Day, Berlin, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Whole_minute_buckets_read_the_same_as_buckets_computed_from_raw()
    {
        var power = Series("plant/press/press-1.power");
        var samples = Enumerable.Range(0, 2000).Select(i => Number(power, T0.AddSeconds((i * 7.3) + 1), Math.Round(Math.Sin(i / 30.0) * 100, 3))).ToArray();
        await WriteAndFlushAsync(samples);

        var fromRollups = await Historian.ReadBucketsAsync(power, T0, T0.AddHours(5), TimeSpan.FromMinutes(15), Ct);
        var fromRaw = await Historian.ReadBucketsAsync(power, T0.AddTicks(10), T0.AddHours(5), TimeSpan.FromMinutes(15), Ct);

        fromRollups.Count.ShouldBe(fromRaw.Count);
        for (var i = 0; i < fromRaw.Count; i++)
        {
            fromRollups[i].ShouldBe(fromRaw[i] with { Avg = fromRollups[i].Avg });
            fromRollups[i].Avg.ShouldBe(fromRaw[i].Avg, 1e-9);
        }
    }

    [Fact]
    public async Task A_long_trend_keeps_the_extremes_first_and_last_within_max_points()
    {
        var temperature = Series("plant/oven/oven-1.temperature");
        var samples = Enumerable.Range(0, 8640 * 3).Select(i => Number(temperature, T0.AddSeconds((i * 10) + 3), 200 + Math.Sin(i / 100.0))).ToArray();
        samples[5_000] = Number(temperature, samples[5_000].Timestamp, 999);
        samples[20_001] = Number(temperature, samples[20_001].Timestamp, -999);
        foreach (var chunk in samples.Chunk(5_000))
        {
            await Historian.WriteAsync(new SampleBatch(Tenant, chunk), Ct);
        }

        await Historian.FlushAsync(Ct);

        var trend = await Historian.ReadDecimatedAsync(temperature, T0.AddSeconds(1), T0.AddDays(3).AddSeconds(1), 400, Ct);

        trend.Count.ShouldBeLessThanOrEqualTo(400);
        trend.Count.ShouldBeGreaterThan(200);
        trend.Select(s => s.Value.AsDouble()).ShouldContain(999);
        trend.Select(s => s.Value.AsDouble()).ShouldContain(-999);
        trend[0].Timestamp.ShouldBe(samples[0].Timestamp);
        trend[^1].Timestamp.ShouldBe(samples[^1].Timestamp);
        trend.Select(s => s.Timestamp).ShouldBeInOrder(SortDirection.Ascending);
        trend.Select(s => s.Timestamp).Distinct().Count().ShouldBe(trend.Count);
        var aligned = await Historian.ReadDecimatedAsync(temperature, T0, T0.AddDays(3), 1000, Ct);
        aligned.Count.ShouldBeLessThanOrEqualTo(1000);
        aligned.Select(s => s.Value.AsDouble()).ShouldContain(999);
        aligned.Select(s => s.Value.AsDouble()).ShouldContain(-999);
        aligned[0].Timestamp.ShouldBe(samples[0].Timestamp);
    }

    [Fact]
    public async Task Aligned_previous_holds_the_last_value_at_or_before_each_step_including_one_before_the_range()
    {
        var a = Series("plant/press/press-1.power");
        var b = Series("plant/press/press-2.power");
        var c = Series("plant/press/press-3.power");
        await WriteAndFlushAsync(
            Number(a, T0.AddMinutes(-5), 1),
            Number(a, T0.AddSeconds(20), 2),
            new Sample(a, T0.AddSeconds(40), SampleValue.None, Quality.BadNotConnected),
            Number(b, T0.AddSeconds(10), 7),
            Number(b, T0.AddSeconds(10.5), 8),
            Number(b, T0.AddSeconds(60), 9));

        var aligned = await Historian.ReadAlignedAsync([a, b, c], T0, T0.AddSeconds(60), TimeSpan.FromSeconds(20), AlignMode.Previous, Ct);

        aligned.Times.ShouldBe([T0, T0.AddSeconds(20), T0.AddSeconds(40)]);
        aligned.Values.Count.ShouldBe(3);
        aligned.Values[0].ShouldBe([1, 2, null]);
        aligned.Values[1].ShouldBe([null, 8, 8]);
        aligned.Values[2].ShouldBe([null, null, null]);
    }

    [Fact]
    public async Task Aligned_average_is_the_mean_of_each_step_interval()
    {
        var a = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(
            Number(a, T0.AddMinutes(-5), 100),
            Number(a, T0, 1),
            Number(a, T0.AddSeconds(5), 3),
            new Sample(a, T0.AddSeconds(6), SampleValue.FromDouble(1000), Quality.BadDeviceFailure),
            Number(a, T0.AddSeconds(25), 4),
            Number(a, T0.AddSeconds(30), 5));

        var aligned = await Historian.ReadAlignedAsync([a], T0, T0.AddSeconds(25), TimeSpan.FromSeconds(10), AlignMode.Average, Ct);

        aligned.Times.ShouldBe([T0, T0.AddSeconds(10), T0.AddSeconds(20)]);
        aligned.Values.Single().ShouldBe([2, null, null]);
    }

    [Fact]
    public async Task Aligned_reads_refuse_a_zero_interval_and_too_many_steps_and_read_an_empty_range_as_no_steps()
    {
        var a = Series("plant/press/press-1.power");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Historian.ReadAlignedAsync([a], T0, T0.AddHours(1), TimeSpan.Zero, AlignMode.Previous, Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Historian.ReadAlignedAsync([a], T0, T0.AddDays(2), TimeSpan.FromSeconds(1), AlignMode.Average, Ct));
        var empty = await Historian.ReadAlignedAsync([a], T0, T0, TimeSpan.FromSeconds(1), AlignMode.Previous, Ct);
        empty.Times.ShouldBeEmpty();
        empty.Values.Single().ShouldBeEmpty();
    }

    [Fact]
    public async Task Out_of_order_samples_across_batches_read_back_in_time_order()
    {
        var power = Series("plant/press/press-1.power");
        await WriteAndFlushAsync(Number(power, T0.AddSeconds(3), 3), Number(power, T0.AddSeconds(1), 1));
        await WriteAndFlushAsync(Number(power, T0.AddSeconds(2), 2), Number(power, T0, 0));

        var raw = await Historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 10, Ct);

        raw.Select(s => s.Value.AsDouble()).ShouldBe([0, 1, 2, 3]);
        (await Historian.ReadLatestAsync(power, T0.AddMinutes(1), Ct))!.Value.Value.AsDouble().ShouldBe(3);
    }

    private static List<DateTime> Edges(DateTime from, DateTime to, TimeSpan width)
    {
        var edges = new List<DateTime> { new(from.Ticks - (from.Ticks % width.Ticks), DateTimeKind.Utc) };
        while (edges[^1] < to)
        {
            edges.Add(edges[^1] + width);
        }

        return edges;
    }
}
