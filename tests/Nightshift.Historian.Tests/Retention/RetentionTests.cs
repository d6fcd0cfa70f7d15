using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Retention;

namespace Nightshift.Historian.Tests.Retention;

/// <summary>Retention per tag class on the DuckDB store, on a fake clock.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private const string Tenant = "acme";
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly int[] AgesInDays = [500, 100, 20, 3];

    private readonly TemporaryFolder _folder = new();
    private readonly RecordingLogger<DuckDbHistorian> _logger = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Now));
    private readonly SeriesRegistry _registry = new();
    private DuckDbHistorian _historian = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RetentionOptions Options => new()
    {
        Classes = new Dictionary<string, RetentionPolicy>(StringComparer.Ordinal)
        {
            ["fast"] = RetentionPolicy.Days(7, 30),
            ["energy"] = RetentionPolicy.Days(365, 0),
        },
        Default = RetentionPolicy.Days(90, 400),
        Interval = TimeSpan.FromHours(1),
        SeriesPerTransaction = 2,
    };

    public async ValueTask InitializeAsync() =>
        _historian = await DuckDbHistorian.OpenAsync(new DuckDbHistorianOptions { DataFolder = _folder.Path }, _registry, _time, _logger, Ct);

    public async ValueTask DisposeAsync()
    {
        await _historian.DisposeAsync();
        _folder.Dispose();
        _logger.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Raw_samples_and_rollups_older_than_their_class_keeps_them_are_deleted_and_the_rest_stays()
    {
        var vibration = Series("plant/cnc/spindle-1.vibration");
        var energy = Series("plant/utilities/meter-1.energy");
        var other = Series("plant/press/press-1.power");
        var ages = AgesInDays.Select(days => Now.AddDays(-days)).ToArray();
        await WriteAndFlushAsync([.. new[] { vibration, energy, other }.SelectMany(s => ages.Select(t => Number(s, t, t.Day)))]);

        var deleted = await _historian.ApplyRetentionAsync(Options, ClassOf, Ct);

        deleted.ShouldBeGreaterThan(0);
        (await RawTimes(vibration)).ShouldBe([ages[3]]);
        (await RawTimes(energy)).ShouldBe([ages[1], ages[2], ages[3]]);
        (await RawTimes(other)).ShouldBe([ages[2], ages[3]]);
        (await RollupTimes(vibration)).ShouldBe([ages[2], ages[3]], "fast keeps rollups for 30 days");
        (await RollupTimes(energy)).ShouldBe([.. ages], "energy keeps rollups forever");
        (await RollupTimes(other)).ShouldBe([ages[1], ages[2], ages[3]], "the default class keeps rollups for 400 days");
    }

    [Fact]
    public async Task Rollups_outlive_the_raw_samples_they_were_computed_from()
    {
        var vibration = Series("plant/cnc/spindle-1.vibration");
        var old = Now.AddDays(-10);
        await WriteAndFlushAsync(Number(vibration, old, 1), Number(vibration, old.AddSeconds(30), 3));

        await _historian.ApplyRetentionAsync(Options, ClassOf, Ct);

        (await _historian.ReadRawAsync(vibration, old.AddDays(-1), Now, 10, Ct)).ShouldBeEmpty();
        var minute = (await _historian.ReadRollupAsync(vibration, old, old.AddMinutes(1), RollupInterval.Minute, TimeZoneInfo.Utc, Ct)).ShouldHaveSingleItem();
        minute.Max.ShouldBe(3);
        minute.Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_background_job_applies_retention_every_interval_while_ingest_goes_on()
    {
        var vibration = Series("plant/cnc/spindle-1.vibration");
        await WriteAndFlushAsync(Number(vibration, Now.AddDays(-8), 1));
        await using var job = new RetentionJob(_historian, Options, ClassOf, _time, _logger);

        (await RawTimes(vibration)).Count.ShouldBe(1);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var written = 0;
        while ((await RawTimes(vibration)).Contains(Now.AddDays(-8)) && DateTime.UtcNow < deadline)
        {
            _time.Advance(TimeSpan.FromMinutes(20));
            await _historian.WriteAsync(new SampleBatch(Tenant, [Number(vibration, Now.AddSeconds(++written), written)]), Ct);
            await _historian.FlushAsync(Ct);
        }

        (await RawTimes(vibration)).ShouldNotContain(Now.AddDays(-8));
        (await RawTimes(vibration)).Count.ShouldBe(written);
        job.Passes.ShouldBeGreaterThanOrEqualTo(1);
    }

    private static string? ClassOf(SeriesInfo info) => info.Path.Tag switch
    {
        "vibration" => "fast",
        "energy" => "energy",
        _ => null,
    };

    private SeriesId Series(string path) => _registry.GetOrAdd(Tenant, TagPath.Parse(path)).Id;

    private static Sample Number(SeriesId series, DateTime time, double value) => new(series, time, SampleValue.FromDouble(value), Quality.Good);

    private async Task WriteAndFlushAsync(params Sample[] samples)
    {
        await _historian.WriteAsync(new SampleBatch(Tenant, samples), Ct);
        await _historian.FlushAsync(Ct);
    }

    private async Task<List<DateTime>> RawTimes(SeriesId series) =>
        [.. (await _historian.ReadRawAsync(series, Now.AddYears(-5), Now.AddDays(1), 10_000, Ct)).Select(s => s.Timestamp)];

    private async Task<List<DateTime>> RollupTimes(SeriesId series) =>
        [.. (await _historian.ReadRollupAsync(series, Now.AddYears(-5), Now.AddDays(1), RollupInterval.Minute, TimeZoneInfo.Utc, Ct)).Select(b => b.Start)];
}
