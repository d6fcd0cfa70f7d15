using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian;

namespace Nightshift.Server.Storage;

/// <summary>
/// The node's historian. Opens the store when the node starts (loading the series registry before anything
/// ingests), flushes it when the node stops, and forwards every call to it in between. Registered before the
/// connectors, so it starts before them and stops after them. Calls before start throw
/// <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class HistorianHost(NightshiftOptions options, SeriesRegistry series, TimeProvider time, ILoggerFactory loggers) : IHostedService, IHistorian
{
    private DuckDbHistorian? _historian;

    private DuckDbHistorian Open => _historian ?? throw new InvalidOperationException("The historian is not open yet.");

    /// <exception cref="IOException">The store cannot be opened, e.g. another node holds the data folder.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storeOptions = new DuckDbHistorianOptions { DataFolder = Path.GetFullPath(options.DataDirectory) };
        try
        {
            _historian = await DuckDbHistorian.OpenAsync(storeOptions, series, time, loggers.CreateLogger<DuckDbHistorian>(), cancellationToken);
        }
        catch (DuckDB.NET.Data.DuckDBException ex) when (ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            throw new IOException($"the history store {storeOptions.DatabasePath} is in use by another process; is another Nightshift running on this data folder? ({ex.Message})", ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _historian is { } historian ? historian.FlushAsync(cancellationToken) : Task.CompletedTask;

    public ValueTask WriteAsync(SampleBatch batch, CancellationToken ct) => Open.WriteAsync(batch, ct);

    public Task FlushAsync(CancellationToken ct) => Open.FlushAsync(ct);

    public Task<IReadOnlyList<Sample>> ReadRawAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int limit, CancellationToken ct) =>
        Open.ReadRawAsync(series, fromUtc, toUtc, limit, ct);

    public Task<IReadOnlyList<AggregateBucket>> ReadBucketsAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, TimeSpan bucket, CancellationToken ct) =>
        Open.ReadBucketsAsync(series, fromUtc, toUtc, bucket, ct);

    public Task<IReadOnlyList<Sample>> ReadDecimatedAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, int maxPoints, CancellationToken ct) =>
        Open.ReadDecimatedAsync(series, fromUtc, toUtc, maxPoints, ct);

    public Task<Sample?> ReadLatestAsync(SeriesId series, DateTime atOrBeforeUtc, CancellationToken ct) =>
        Open.ReadLatestAsync(series, atOrBeforeUtc, ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _historian, null) is { } historian)
        {
            await historian.DisposeAsync();
        }
    }
}
