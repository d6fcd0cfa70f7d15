using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Series;
using Nightshift.Historian.Postgres;

namespace Nightshift.Historian.Tests.Postgres;

/// <summary>The compliance suite on the PostgreSQL engine, against a real PostgreSQL 15 (a schema per test).</summary>
public sealed class PostgresHistorianComplianceTests(PostgresFixture postgres) : HistorianComplianceTests, IClassFixture<PostgresFixture>
{
    private readonly string _schema = PostgresFixture.NewSchema();
    private readonly RecordingLogger<PostgresHistorian> _logger = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await postgres.DropSchemaAsync(_schema);
        _logger.Errors.ShouldBeEmpty();
    }

    protected override async Task<IHistorian> OpenAsync(SeriesRegistry registry) =>
        await PostgresHistorian.OpenAsync(postgres.Options(_schema), registry, _time, _logger, Ct);
}
