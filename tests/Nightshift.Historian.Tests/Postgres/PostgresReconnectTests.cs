using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Postgres;

namespace Nightshift.Historian.Tests.Postgres;

/// <summary>
/// The server goes away under a running historian (a private PostgreSQL per test, stopped and started again): writes
/// queued meanwhile are written once it is back within the retry limit; past the limit they are lost and the flush
/// says so with an <see cref="IOException"/>; reads work again once it is back.
/// </summary>
public sealed class PostgresReconnectTests : IAsyncLifetime
{
    private const string Tenant = "acme";
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly RecordingLogger<PostgresHistorian> _logger = new();
    private readonly SeriesRegistry _registry = new();
    private PostgresServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await PostgresServer.StartAsync(Ct);
        Assert.SkipWhen(_server.IsExternal, $"{PostgresServer.ExternalVariable} names a server the tests cannot restart.");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Writes_queued_while_the_server_is_down_are_written_once_it_is_back()
    {
        await using var historian = await OpenAsync(TimeSpan.FromSeconds(60));
        var power = _registry.GetOrAdd(Tenant, TagPath.Parse("plant/press/press-1.power")).Id;
        await historian.WriteAsync(Batch(Number(power, T0, 1)), Ct);
        await historian.FlushAsync(Ct);

        await _server.StopAsync(Ct);
        await historian.WriteAsync(Batch(Number(power, T0.AddSeconds(1), 2)), Ct);
        var added = _registry.GetOrAdd(Tenant, TagPath.Parse("plant/press/press-2.power")).Id;
        await historian.WriteAsync(Batch(Number(added, T0, 3)), Ct);
        var flushed = historian.FlushAsync(Ct);
        await WaitForLogAsync(3177, "the writer to report the server unreachable");
        flushed.IsCompleted.ShouldBeFalse();

        await _server.StartAgainAsync(Ct);
        await flushed.WaitAsync(Deadline, Ct);

        (await historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 10, Ct)).Select(s => s.Value.AsDouble()).ShouldBe([1, 2]);
        (await historian.ReadLatestAsync(added, T0, Ct)).ShouldBe(Number(added, T0, 3));
        _logger.Entries.ShouldContain(e => e.Id.Id == 3178);
        _logger.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_flush_fails_with_an_IOException_when_the_server_stays_away_past_the_retry_limit_and_writing_resumes_when_it_is_back()
    {
        await using var historian = await OpenAsync(TimeSpan.FromMilliseconds(500));
        var power = _registry.GetOrAdd(Tenant, TagPath.Parse("plant/press/press-1.power")).Id;
        await historian.WriteAsync(Batch(Number(power, T0, 1)), Ct);
        await historian.FlushAsync(Ct);

        await _server.StopAsync(Ct);
        await historian.WriteAsync(Batch(Number(power, T0.AddSeconds(1), 2)), Ct);
        var failure = await Should.ThrowAsync<IOException>(() => historian.FlushAsync(Ct).WaitAsync(Deadline, Ct));

        failure.Message.ShouldContain(historian.Store);
        failure.InnerException.ShouldBeOfType<IOException>().Message.ShouldContain("unreachable");
        _logger.Errors.ShouldContain(e => e.Id.Id == 3174);

        await _server.StartAgainAsync(Ct);
        await historian.WriteAsync(Batch(Number(power, T0.AddSeconds(2), 3)), Ct);
        await historian.FlushAsync(Ct).WaitAsync(Deadline, Ct);
        (await historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 10, Ct)).Select(s => s.Value.AsDouble()).ShouldBe([1, 3]);
    }

    [Fact]
    public async Task Reads_work_again_after_the_server_restarted()
    {
        await using var historian = await OpenAsync(TimeSpan.FromSeconds(60));
        var power = _registry.GetOrAdd(Tenant, TagPath.Parse("plant/press/press-1.power")).Id;
        await historian.WriteAsync(Batch(Number(power, T0, 1)), Ct);
        await historian.FlushAsync(Ct);
        (await historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 10, Ct)).Count.ShouldBe(1);

        await _server.StopAsync(Ct);
        await Should.ThrowAsync<Npgsql.NpgsqlException>(() => historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 10, Ct));
        await _server.StartAgainAsync(Ct);

        (await historian.ReadRawAsync(power, T0, T0.AddMinutes(1), 10, Ct)).Count.ShouldBe(1);
        (await historian.ReadLatestAsync(power, T0, Ct)).ShouldBe(Number(power, T0, 1));
    }

    private async Task<PostgresHistorian> OpenAsync(TimeSpan retryLimit) =>
        await PostgresHistorian.OpenAsync(
            new PostgresHistorianOptions { ConnectionString = _server.ConnectionString, Schema = "history", RetryLimit = retryLimit },
            _registry,
            TimeProvider.System,
            _logger,
            Ct);

    private async Task WaitForLogAsync(int eventId, string what)
    {
        var started = DateTime.UtcNow;
        while (!_logger.Entries.Any(e => e.Id.Id == eventId))
        {
            if (DateTime.UtcNow - started > Deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20, Ct);
        }
    }

    private static Sample Number(SeriesId series, DateTime time, double value) => new(series, time, SampleValue.FromDouble(value), Quality.Good);

    private static SampleBatch Batch(params Sample[] samples) => new(Tenant, samples);
}
