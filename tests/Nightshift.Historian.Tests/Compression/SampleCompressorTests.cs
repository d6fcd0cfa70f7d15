using FsCheck;
using FsCheck.Fluent;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Compression;

namespace Nightshift.Historian.Tests.Compression;

/// <summary>Deadband and swinging-door compression: the stated maximum error holds for every dropped point.</summary>
public sealed class SampleCompressorTests
{
    private static readonly SeriesId Power = new(1);
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly double[] Errors = [0, 0.05, 0.5, 2];

    /// <summary>Random walks: steps of 1 ms to 10 s and −5 to +5, with a maximum error and sometimes a maximum interval.</summary>
    private static readonly Arbitrary<(int ErrorIndex, int IntervalSeconds, (int Milliseconds, int Centis)[] Steps)> Walks =
        Gen.Choose(0, Errors.Length - 1)
            .Zip(Gen.Elements(0, 0, 5, 30))
            .Zip(Gen.Choose(1, 10_000).Zip(Gen.Choose(-500, 500)).ArrayOf())
            .Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2))
            .ToArbitrary();

    [Fact]
    public void Every_point_swinging_door_drops_is_within_max_error_of_the_line_between_the_stored_points()
    {
        Prop.ForAll(Walks, walk =>
        {
            var (input, settings) = Build(walk, CompressionKind.SwingingDoor);
            var stored = Compress(input, settings);

            CheckStoredSubset(input, stored, settings);
            foreach (var dropped in input.Except(stored))
            {
                var after = stored.First(s => s.Timestamp > dropped.Timestamp);
                var before = stored.Last(s => s.Timestamp < dropped.Timestamp);
                var fraction = (dropped.Timestamp - before.Timestamp).Ticks / (double)(after.Timestamp - before.Timestamp).Ticks;
                var line = before.Value.AsDouble() + (fraction * (after.Value.AsDouble() - before.Value.AsDouble()));
                Math.Abs(dropped.Value.AsDouble() - line).ShouldBeLessThanOrEqualTo(Tolerance(settings.MaxError), $"dropped {dropped.Timestamp:O}");
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Every_point_deadband_drops_is_within_max_error_of_the_last_stored_value()
    {
        Prop.ForAll(Walks, walk =>
        {
            var (input, settings) = Build(walk, CompressionKind.Deadband);
            var stored = Compress(input, settings);

            CheckStoredSubset(input, stored, settings);
            foreach (var dropped in input.Except(stored))
            {
                var before = stored.Last(s => s.Timestamp < dropped.Timestamp);
                Math.Abs(dropped.Value.AsDouble() - before.Value.AsDouble()).ShouldBeLessThanOrEqualTo(Tolerance(settings.MaxError));
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void A_straight_line_keeps_only_its_ends_and_a_ramp_with_noise_below_max_error_compresses()
    {
        var line = Enumerable.Range(0, 1000).Select(i => Number(T0.AddSeconds(i), 3 * i)).ToArray();
        var noisy = Enumerable.Range(0, 1000).Select(i => Number(T0.AddSeconds(i), i + (i % 2 == 0 ? 0.2 : -0.2))).ToArray();

        var straight = Compress(line, new TagCompression(CompressionKind.SwingingDoor, 0.01));
        var ramp = Compress(noisy, new TagCompression(CompressionKind.SwingingDoor, 0.5));

        straight.ShouldBe([line[0], line[^1]]);
        ramp.Count.ShouldBeLessThan(20);
    }

    [Fact]
    public void Lossless_by_default_and_samples_that_are_not_good_numbers_are_stored_after_the_held_point()
    {
        var none = Enumerable.Range(0, 10).Select(i => Number(T0.AddSeconds(i), 5)).ToArray();
        Compress(none, TagCompression.None).ShouldBe(none);

        var compressor = new SampleCompressor(new TagCompression(CompressionKind.SwingingDoor, 1));
        var output = new Sample[2];
        compressor.Offer(Number(T0, 1), output).ShouldBe(1);
        compressor.Offer(Number(T0.AddSeconds(1), 1.1), output).ShouldBe(0);
        var offline = new Sample(Power, T0.AddSeconds(2), SampleValue.None, Quality.BadNotConnected);

        compressor.Offer(offline, output).ShouldBe(2);
        output.ShouldBe([Number(T0.AddSeconds(1), 1.1), offline]);
        compressor.Offer(Number(T0.AddSeconds(3), 1.1), output).ShouldBe(1, "after a break the next value is stored");
        compressor.Offer(Number(T0.AddSeconds(3), 7), output).ShouldBe(1, "a sample not later than the last is stored as it is");
        output[0].Value.AsDouble().ShouldBe(7);
    }

    [Fact]
    public void Max_interval_stores_a_point_at_least_that_often()
    {
        var flat = Enumerable.Range(0, 100).Select(i => Number(T0.AddSeconds(i), 5)).ToArray();

        var door = Compress(flat, new TagCompression(CompressionKind.SwingingDoor, 1, TimeSpan.FromSeconds(10)));
        var deadband = Compress(flat, new TagCompression(CompressionKind.Deadband, 1, TimeSpan.FromSeconds(10)));

        door.Zip(door.Skip(1)).ShouldAllBe(p => p.Second.Timestamp - p.First.Timestamp <= TimeSpan.FromSeconds(10));
        deadband.Select(s => s.Timestamp.Second).ShouldBe([0, 10, 20, 30, 40, 50, 0, 10, 20, 30]);
    }

    private static (Sample[] Input, TagCompression Settings) Build((int ErrorIndex, int IntervalSeconds, (int Milliseconds, int Centis)[] Steps) walk, CompressionKind kind)
    {
        var time = T0;
        var value = 100.0;
        var input = new Sample[walk.Steps.Length];
        for (var i = 0; i < input.Length; i++)
        {
            time = time.AddMilliseconds(walk.Steps[i].Milliseconds);
            value += walk.Steps[i].Centis / 100.0;
            input[i] = Number(time, value);
        }

        TimeSpan? interval = walk.IntervalSeconds == 0 ? null : TimeSpan.FromSeconds(walk.IntervalSeconds);
        return (input, new TagCompression(kind, Errors[walk.ErrorIndex], interval));
    }

    /// <summary>Stored points are input points in time order, the first among them (and the last, for the swinging door); none is further than maxInterval from the stored one before it unless no sample came in between.</summary>
    private static void CheckStoredSubset(Sample[] input, List<Sample> stored, TagCompression settings)
    {
        stored.ShouldBeSubsetOf(input);
        stored.Select(s => s.Timestamp).ShouldBeInOrder(SortDirection.Ascending);
        if (input.Length == 0)
        {
            return;
        }

        stored[0].ShouldBe(input[0]);
        if (settings.Kind == CompressionKind.SwingingDoor)
        {
            stored[^1].ShouldBe(input[^1], "the held point is taken out at the end");
        }

        if (settings.MaxInterval is { } interval)
        {
            foreach (var dropped in input.Except(stored))
            {
                (dropped.Timestamp - stored.Last(s => s.Timestamp < dropped.Timestamp).Timestamp).ShouldBeLessThan(interval);
            }
        }
    }

    private static List<Sample> Compress(IEnumerable<Sample> input, TagCompression settings)
    {
        var compressor = new SampleCompressor(settings);
        var output = new Sample[2];
        var stored = new List<Sample>();
        foreach (var sample in input)
        {
            var count = compressor.Offer(sample, output);
            stored.AddRange(output.Take(count));
        }

        if (compressor.TryTakeHeld(out var held))
        {
            stored.Add(held);
        }

        return stored;
    }

    private static double Tolerance(double maxError) => (maxError * (1 + 1e-9)) + 1e-9;

    private static Sample Number(DateTime time, double value) => new(Power, time, SampleValue.FromDouble(value), Quality.Good);
}
