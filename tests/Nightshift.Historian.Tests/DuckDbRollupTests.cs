using DuckDB.NET.Data;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Tests;

/// <summary>How the DuckDB engine keeps its rollups: in the background, crash-safe, and on upgrade from a store without them.</summary>
public sealed class DuckDbRollupTests : IDisposable
{
    private const string Tenant = "acme";
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly TemporaryFolder _folder = new();
    private readonly RecordingLogger<DuckDbHistorian> _logger = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly SeriesRegistry _registry = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DuckDbHistorianOptions Options => new() { DataFolder = _folder.Path, FlushInterval = TimeSpan.FromSeconds(1), RollupDelay = TimeSpan.FromSeconds(1) };

    public void Dispose()
    {
        _folder.Dispose();
        _logger.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rollups_follow_writes_within_the_rollup_delay_without_a_flush()
    {
        await using var historian = await DuckDbHistorian.OpenAsync(Options, _registry, _time, _logger, Ct);
        var power = Series("plant/press/press-1.power");
        await historian.WriteAsync(new SampleBatch(Tenant, [Number(power, T0, 4), Number(power, T0.AddSeconds(30), 6)]), Ct);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<RollupBucket> minutes = [];
        while (minutes.Count == 0 && DateTime.UtcNow < deadline)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10, Ct);
            minutes = await historian.ReadRollupAsync(power, T0, T0.AddMinutes(1), RollupInterval.Minute, TimeZoneInfo.Utc, Ct);
        }

        minutes.ShouldHaveSingleItem().Avg.ShouldBe(5);
    }

    [Fact]
    public async Task Stale_minutes_are_marked_with_the_samples_and_rolled_up_after_a_reopen()
    {
        var power = Series("plant/press/press-1.power");
        await using (var historian = await DuckDbHistorian.OpenAsync(Options, _registry, _time, _logger, Ct))
        {
            await historian.WriteAsync(new SampleBatch(Tenant, [Number(power, T0, 1), Number(power, T0.AddMinutes(1), 2)]), Ct);
            await historian.FlushAsync(Ct);
        }

        // As after a crash between the commit of the samples and the rollup round: the marks are there, the rollups not.
        await RunSqlAsync("DELETE FROM rollup_1m; DELETE FROM rollup_1h; INSERT INTO rollup_dirty SELECT DISTINCT series, date_trunc('minute', ts) FROM samples;");
        await using var reopened = await DuckDbHistorian.OpenAsync(Options, new SeriesRegistry(), _time, _logger, Ct);
        await reopened.FlushAsync(Ct);

        var hours = await reopened.ReadRollupAsync(power, T0, T0.AddHours(1), RollupInterval.Hour, TimeZoneInfo.Utc, Ct);
        hours.ShouldHaveSingleItem().Count.ShouldBe(2);
        (await CountAsync("rollup_dirty")).ShouldBe(0);
    }

    [Fact]
    public async Task A_store_without_rollups_is_upgraded_and_rolled_up_on_open()
    {
        var power = Series("plant/press/press-1.power");
        await using (var historian = await DuckDbHistorian.OpenAsync(Options, _registry, _time, _logger, Ct))
        {
            await historian.WriteAsync(new SampleBatch(Tenant, [Number(power, T0, 3), Number(power, T0.AddHours(2), 5)]), Ct);
            await historian.FlushAsync(Ct);
        }

        await RunSqlAsync("DROP TABLE rollup_1m; DROP TABLE rollup_1h; DROP TABLE rollup_dirty; DELETE FROM schema_info; INSERT INTO schema_info VALUES (1);");
        await using var upgraded = await DuckDbHistorian.OpenAsync(Options, new SeriesRegistry(), _time, _logger, Ct);
        await upgraded.FlushAsync(Ct);

        var hours = await upgraded.ReadRollupAsync(power, T0, T0.AddHours(3), RollupInterval.Hour, TimeZoneInfo.Utc, Ct);
        hours.Select(h => (h.Start, h.Max)).ShouldBe([(T0, 3), (T0.AddHours(2), 5)]);
        (await CountAsync("schema_info WHERE version = 2")).ShouldBe(1);
    }

    [Fact]
    public async Task A_negative_rollup_delay_is_refused() =>
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            DuckDbHistorian.OpenAsync(Options with { RollupDelay = TimeSpan.FromSeconds(-1) }, _registry, _time, _logger, Ct));

    private SeriesId Series(string path) => _registry.GetOrAdd(Tenant, TagPath.Parse(path)).Id;

    private static Sample Number(SeriesId series, DateTime time, double value) => new(series, time, SampleValue.FromDouble(value), Quality.Good);

    private async Task RunSqlAsync(string sql)
    {
        await using var connection = new DuckDBConnection("Data Source=" + Path.GetFullPath(Options.DatabasePath));
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<long> CountAsync(string from)
    {
        await using var connection = new DuckDBConnection("Data Source=" + Path.GetFullPath(Options.DatabasePath));
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM " + from;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
