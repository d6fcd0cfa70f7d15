using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Tests;

/// <summary>The compliance suite on the embedded DuckDB engine, with a real file in a temporary folder.</summary>
public sealed class DuckDbHistorianComplianceTests : HistorianComplianceTests
{
    private readonly TemporaryFolder _folder = new();
    private readonly RecordingLogger<DuckDbHistorian> _logger = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
        _logger.Errors.ShouldBeEmpty();
    }

    protected override async Task<IHistorian> OpenAsync(SeriesRegistry registry) =>
        await DuckDbHistorian.OpenAsync(new DuckDbHistorianOptions { DataFolder = _folder.Path }, registry, _time, _logger, Ct);
}
