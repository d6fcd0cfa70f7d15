using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Postgres;
using Nightshift.Historian.Retention;

namespace Nightshift.Historian.Tests.Postgres;

/// <summary>What is particular to the PostgreSQL engine: the schema layout, partitions, COPY of many batches, bad data.</summary>
public sealed class PostgresHistorianTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Tenant = "acme";
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly string _schema = PostgresFixture.NewSchema();
    private readonly RecordingLogger<PostgresHistorian> _logger = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero));
    private readonly SeriesRegistry _registry = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await postgres.DropSchemaAsync(_schema);

    [Fact]
    public async Task Without_timescaledb_the_samples_table_is_partitioned_by_month_with_partitions_ahead_of_the_clock()
    {
        await using var historian = await OpenAsync(postgres.Options(_schema) with { PartitionsAhead = 2 });

        historian.Layout.ShouldBe(PostgresStorageLayout.MonthlyPartitions);
        (await PartitionsAsync()).ShouldBe(["samples_p202603", "samples_p202604", "samples_p202605"]);
        _logger.Entries.ShouldContain(e => e.Id.Id == 3172);
        (await postgres.ScalarAsync($"SELECT layout FROM \"{_schema}\".schema_info", Ct)).ShouldBe("MonthlyPartitions");
    }

    [Fact]
    public async Task With_timescaledb_turned_off_the_extension_is_not_tried()
    {
        await using var historian = await OpenAsync(postgres.Options(_schema) with { UseTimescaleDb = false });

        historian.Layout.ShouldBe(PostgresStorageLayout.MonthlyPartitions);
        _logger.Entries.ShouldNotContain(e => e.Id.Id == 3172);
    }

    [Fact]
    public async Task A_partition_is_created_for_every_month_written_and_holds_its_rows()
    {
        await using var historian = await OpenAsync(postgres.Options(_schema) with { PartitionsAhead = 0 });
        var power = Series("plant/press/press-1.power");

        await historian.WriteAsync(Batch(Number(power, new DateTime(2025, 12, 31, 23, 59, 59, DateTimeKind.Utc), 1), Number(power, new DateTime(2027, 7, 1, 0, 0, 0, DateTimeKind.Utc), 2)), Ct);
        await historian.WriteAsync(Batch(Number(power, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 3)), Ct);
        await historian.FlushAsync(Ct);

        (await PartitionsAsync()).ShouldBe(["samples_p202512", "samples_p202601", "samples_p202603", "samples_p202707"]);
        (await postgres.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".samples_p202512", Ct)).ShouldBe(1L);
        (await postgres.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".samples_p202601", Ct)).ShouldBe(1L);
        (await historian.ReadRawAsync(power, DateTime.MinValue, DateTime.MaxValue, 10, Ct)).Select(s => s.Value.AsDouble()).ShouldBe([1, 3, 2]);
    }

    [Fact]
    public async Task Partitions_created_before_are_found_again_on_reopen_and_the_clock_moving_on_adds_the_next_month()
    {
        await using (await OpenAsync(postgres.Options(_schema) with { PartitionsAhead = 1 }))
        {
        }

        _time.Advance(TimeSpan.FromDays(31));
        await using var historian = await OpenAsync(postgres.Options(_schema) with { PartitionsAhead = 1 });

        (await PartitionsAsync()).ShouldBe(["samples_p202603", "samples_p202604", "samples_p202605"]);
        _logger.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_samples_table_has_the_primary_key_series_and_ts()
    {
        await using var historian = await OpenAsync(postgres.Options(_schema));

        var definition = await postgres.ScalarAsync(
            $"SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{_schema}' AND c.relname = 'samples' AND i.indisprimary",
            Ct);

        definition.ShouldNotBeNull().ToString()!.ShouldEndWith("(series, ts)");
    }

    [Fact]
    public async Task Many_batches_are_copied_in_merged_writes_and_a_later_batch_replaces_timestamps_of_an_earlier_one()
    {
        await using var historian = await OpenAsync(postgres.Options(_schema) with { BatchSize = 7_000 });
        var series = Enumerable.Range(0, 10).Select(i => Series($"plant/line/robot-{i}.torque")).ToArray();
        for (var batch = 0; batch < 100; batch++)
        {
            var id = series[batch % series.Length];
            var offset = (batch / series.Length) * 1_000;
            await historian.WriteAsync(Batch([.. Enumerable.Range(0, 1_000).Select(i => Number(id, T0.AddSeconds(offset + i), offset + i))]), Ct);
        }

        await historian.WriteAsync(Batch([.. Enumerable.Range(0, 500).Select(i => Number(series[0], T0.AddSeconds(i), -1))]), Ct);
        await historian.FlushAsync(Ct);

        (await postgres.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".samples", Ct)).ShouldBe(100_000L);
        var first = await historian.ReadRawAsync(series[0], T0, T0.AddDays(1), 20_000, Ct);
        first.Count.ShouldBe(10_000);
        first.Take(500).ShouldAllBe(s => s.Value.AsDouble() == -1);
        first[500].Value.AsDouble().ShouldBe(500);
        first[^1].Value.AsDouble().ShouldBe(9_999);
    }

    [Fact]
    public async Task One_batch_the_server_refuses_loses_only_itself_and_fails_the_next_flush()
    {
        await using var historian = await OpenAsync(postgres.Options(_schema));
        var power = Series("plant/press/press-1.power");
        var text = Series("plant/press/press-1.message");

        await historian.WriteAsync(Batch(Number(power, T0, 1)), Ct);
        await historian.WriteAsync(Batch(new Sample(text, T0, SampleValue.FromString("a NUL \0 is not text in PostgreSQL"), Quality.Good)), Ct);
        await historian.WriteAsync(Batch(Number(power, T0.AddSeconds(1), 2)), Ct);
        var failure = await Should.ThrowAsync<IOException>(() => historian.FlushAsync(Ct));

        failure.Message.ShouldContain("1 batch(es)");
        (await historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 10, Ct)).Select(s => s.Value.AsDouble()).ShouldBe([1, 2]);
        (await historian.ReadRawAsync(text, T0, T0.AddMinutes(1), 10, Ct)).ShouldBeEmpty();
        _logger.Errors.Count.ShouldBe(1);
        await historian.FlushAsync(Ct);
    }

    [Fact]
    public async Task Retention_deletes_raw_samples_older_than_the_tag_class_keeps_them_and_nothing_of_other_classes()
    {
        await using var historian = await OpenAsync(postgres.Options(_schema));
        var fast = Series("plant/cnc/spindle-1.vibration");
        var kept = Series("plant/utilities/meter-1.energy");
        var now = _time.GetUtcNow().UtcDateTime;
        await historian.WriteAsync(Batch(Number(fast, now.AddDays(-10), 1), Number(fast, now.AddDays(-1), 2), Number(kept, now.AddDays(-10), 3), Number(kept, now.AddDays(-1), 4)), Ct);
        await historian.FlushAsync(Ct);

        var deleted = await historian.ApplyRetentionAsync(
            new RetentionOptions { SeriesPerTransaction = 1 },
            info => info.Id == fast ? "fast" : null,
            Ct);

        deleted.ShouldBe(1);
        (await historian.ReadRawAsync(fast, now.AddDays(-30), now, 10, Ct)).Select(s => s.Value.AsDouble()).ShouldBe([2]);
        (await historian.ReadRawAsync(kept, now.AddDays(-30), now, 10, Ct)).Select(s => s.Value.AsDouble()).ShouldBe([3, 4]);
        _logger.Entries.ShouldContain(e => e.Id.Id == 3180);
    }

    [Fact]
    public async Task The_series_catalog_is_kept_in_the_schema_of_the_store()
    {
        await using (var historian = await OpenAsync(postgres.Options(_schema)))
        {
            Series("plant/press/press-1.power");
            await historian.FlushAsync(Ct);
        }

        (await postgres.ScalarAsync($"SELECT tenant || ' ' || path FROM \"{_schema}\".series WHERE id = 1", Ct)).ShouldBe("acme plant/press/press-1.power");
    }

    [Fact]
    public async Task A_store_of_a_newer_schema_version_is_refused()
    {
        await using (await OpenAsync(postgres.Options(_schema)))
        {
        }

        await postgres.ScalarAsync($"UPDATE \"{_schema}\".schema_info SET version = 99", Ct);

        var refused = await Should.ThrowAsync<InvalidDataException>(() => OpenAsync(postgres.Options(_schema)));
        refused.Message.ShouldContain("99");
    }

    [Fact]
    public async Task Invalid_options_are_refused()
    {
        await Should.ThrowAsync<ArgumentException>(() => OpenAsync(postgres.Options("Bad-Name")));
        await Should.ThrowAsync<ArgumentException>(() => OpenAsync(postgres.Options("x; DROP TABLE y")));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => OpenAsync(postgres.Options(_schema) with { BatchSize = 0 }));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => OpenAsync(postgres.Options(_schema) with { RetryLimit = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public async Task The_store_name_has_the_host_port_database_and_schema_but_no_credentials()
    {
        await using var historian = await OpenAsync(postgres.Options(_schema));

        historian.Store.ShouldBe(string.Create(CultureInfo.InvariantCulture, $"postgresql://127.0.0.1:{postgres.Server.Port}/postgres/{_schema}"));
    }

    private async Task<PostgresHistorian> OpenAsync(PostgresHistorianOptions options) =>
        await PostgresHistorian.OpenAsync(options, _registry, _time, _logger, Ct);

    private async Task<List<string>> PartitionsAsync()
    {
        var names = await postgres.ScalarAsync(
            $"SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = '{_schema}' AND p.relname = 'samples'",
            Ct);
        return [.. ((string?)names ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)];
    }

    private SeriesId Series(string path) => _registry.GetOrAdd(Tenant, TagPath.Parse(path)).Id;

    private static Sample Number(SeriesId series, DateTime time, double value) => new(series, time, SampleValue.FromDouble(value), Quality.Good);

    private static SampleBatch Batch(params Sample[] samples) => new(Tenant, samples);
}
