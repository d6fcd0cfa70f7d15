using System.Diagnostics.Metrics;
using DuckDB.NET.Data;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Tests;

/// <summary>What is particular to the DuckDB engine: the file, the writer's timing, its failures and its metrics.</summary>
public sealed class DuckDbHistorianTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly TemporaryFolder _folder = new();
    private readonly RecordingLogger<DuckDbHistorian> _logger = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly SeriesRegistry _registry = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DuckDbHistorianOptions Options => new() { DataFolder = _folder.Path };

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_store_is_one_file_named_history_duckdb_in_the_data_folder()
    {
        await using (await DuckDbHistorian.OpenAsync(Options, _registry, _time, _logger, Ct))
        {
        }

        File.Exists(Path.Combine(_folder.Path, "history.duckdb")).ShouldBeTrue();
        Options.DatabasePath.ShouldBe(Path.Combine(_folder.Path, "history.duckdb"));
    }

    [Fact]
    public async Task Queued_samples_are_written_once_the_flush_interval_has_passed()
    {
        await using var historian = await DuckDbHistorian.OpenAsync(
            Options with { FlushInterval = TimeSpan.FromSeconds(1) }, _registry, _time, _logger, Ct);
        var power = _registry.GetOrAdd("acme", TagPath.Parse("plant/press/press-1.power")).Id;
        await historian.WriteAsync(new SampleBatch("acme", [new Sample(power, T0, SampleValue.FromDouble(1), Quality.Good)]), Ct);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        IReadOnlyList<Sample> read = [];
        while (read.Count == 0 && DateTime.UtcNow < deadline)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10, Ct);
            read = await historian.ReadRawAsync(power, T0, T0.AddSeconds(1), 10, Ct);
        }

        read.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Samples_wait_for_the_flush_interval_while_the_batch_is_not_full()
    {
        await using var historian = await DuckDbHistorian.OpenAsync(
            Options with { FlushInterval = TimeSpan.FromMinutes(1), BatchSize = 1_000 }, _registry, _time, _logger, Ct);
        var power = _registry.GetOrAdd("acme", TagPath.Parse("plant/press/press-1.power")).Id;
        await historian.WriteAsync(new SampleBatch("acme", [new Sample(power, T0, SampleValue.FromDouble(1), Quality.Good)]), Ct);
        await Task.Delay(50, Ct);

        (await historian.ReadRawAsync(power, T0, T0.AddSeconds(1), 10, Ct)).ShouldBeEmpty();

        await historian.FlushAsync(Ct);
        (await historian.ReadRawAsync(power, T0, T0.AddSeconds(1), 10, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_full_batch_is_written_without_waiting_for_the_flush_interval()
    {
        await using var historian = await DuckDbHistorian.OpenAsync(
            Options with { FlushInterval = TimeSpan.FromHours(1), BatchSize = 10 }, _registry, _time, _logger, Ct);
        var power = _registry.GetOrAdd("acme", TagPath.Parse("plant/press/press-1.power")).Id;
        var samples = Enumerable.Range(0, 10).Select(i => new Sample(power, T0.AddSeconds(i), SampleValue.FromDouble(i), Quality.Good)).ToArray();
        await historian.WriteAsync(new SampleBatch("acme", samples), Ct);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        IReadOnlyList<Sample> read = [];
        while (read.Count < 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, Ct);
            read = await historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 100, Ct);
        }

        read.Count.ShouldBe(10);
    }

    [Fact]
    public async Task A_failed_write_is_logged_counted_and_reported_to_the_next_flush_and_the_writer_goes_on()
    {
        var store = Path.GetFullPath(Options.DatabasePath);
        long errors = 0;
        long written = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Nightshift.Historian"
                && instrument.Meter.Tags?.Any(t => t.Key == "nightshift.history.store" && Equals(t.Value, store)) == true)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "nightshift.history.write_errors")
            {
                Interlocked.Add(ref errors, value);
            }
            else if (instrument.Name == "nightshift.history.points_written")
            {
                Interlocked.Add(ref written, value);
            }
        });
        listener.Start();

        await using var historian = await DuckDbHistorian.OpenAsync(Options, _registry, _time, _logger, Ct);
        var power = _registry.GetOrAdd("acme", TagPath.Parse("plant/press/press-1.power")).Id;
        Sample At(int second) => new(power, T0.AddSeconds(second), SampleValue.FromDouble(second), Quality.Good);
        await historian.WriteAsync(new SampleBatch("acme", [At(0)]), Ct);
        await historian.FlushAsync(Ct);

        await RunSqlAsync("ALTER TABLE samples RENAME TO samples_away");
        await historian.WriteAsync(new SampleBatch("acme", [At(1)]), Ct);
        await Should.ThrowAsync<IOException>(() => historian.FlushAsync(Ct));
        await RunSqlAsync("ALTER TABLE samples_away RENAME TO samples");
        await historian.WriteAsync(new SampleBatch("acme", [At(2)]), Ct);
        await historian.FlushAsync(Ct);

        (await historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 10, Ct)).ShouldBe([At(0), At(2)]);
        Interlocked.Read(ref errors).ShouldBe(1);
        Interlocked.Read(ref written).ShouldBe(2);
        _logger.Errors.Select(e => e.Id.Id).ShouldBe([3003]);
    }

    [Fact]
    public async Task One_bad_batch_among_merged_batches_loses_only_itself()
    {
        await using var historian = await DuckDbHistorian.OpenAsync(
            Options with { FlushInterval = TimeSpan.FromHours(1) }, _registry, _time, _logger, Ct);
        var power = _registry.GetOrAdd("acme", TagPath.Parse("plant/press/press-1.power")).Id;
        Sample At(int second) => new(power, T0.AddSeconds(second), SampleValue.FromDouble(second), Quality.Good);
        await historian.WriteAsync(new SampleBatch("acme", [At(0)]), Ct);
        await historian.WriteAsync(new SampleBatch("acme", new ThrowingList(At(1))), Ct);
        await historian.WriteAsync(new SampleBatch("acme", [At(2)]), Ct);

        await Should.ThrowAsync<IOException>(() => historian.FlushAsync(Ct));

        (await historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 10, Ct)).ShouldBe([At(0), At(2)]);
        _logger.Errors.Select(e => e.Id.Id).ShouldBe([3003]);
    }

    [Fact]
    public async Task Disposing_writes_what_is_still_queued()
    {
        SeriesId power;
        await using (var historian = await DuckDbHistorian.OpenAsync(
            Options with { FlushInterval = TimeSpan.FromHours(1) }, _registry, _time, _logger, Ct))
        {
            power = _registry.GetOrAdd("acme", TagPath.Parse("plant/press/press-1.power")).Id;
            await historian.WriteAsync(new SampleBatch("acme", [new Sample(power, T0, SampleValue.FromDouble(7), Quality.Good)]), Ct);
        }

        await using var reopened = await DuckDbHistorian.OpenAsync(Options, new SeriesRegistry(), _time, _logger, Ct);
        var latest = await reopened.ReadLatestAsync(power, T0, Ct);
        latest.ShouldNotBeNull();
        latest.Value.Value.AsDouble().ShouldBe(7);
        _logger.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancelled_read_throws_and_the_store_keeps_answering()
    {
        await using var historian = await DuckDbHistorian.OpenAsync(Options, _registry, _time, _logger, Ct);
        var power = _registry.GetOrAdd("acme", TagPath.Parse("plant/press/press-1.power")).Id;
        await historian.WriteAsync(new SampleBatch("acme", [new Sample(power, T0, SampleValue.FromDouble(1), Quality.Good)]), Ct);
        await historian.FlushAsync(Ct);

        await Should.ThrowAsync<OperationCanceledException>(() => historian.ReadRawAsync(power, T0, T0.AddDays(1), 10, new CancellationToken(canceled: true)));

        (await historian.ReadRawAsync(power, T0, T0.AddDays(1), 10, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Invalid_options_are_refused()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            DuckDbHistorian.OpenAsync(Options with { BatchSize = 0 }, _registry, _time, _logger, Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            DuckDbHistorian.OpenAsync(Options with { FlushInterval = TimeSpan.Zero }, _registry, _time, _logger, Ct));
    }

    private async Task RunSqlAsync(string sql)
    {
        await using var connection = new DuckDBConnection("Data Source=" + Path.GetFullPath(Options.DatabasePath));
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
