using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Series;
using Nightshift.Historian;

namespace Nightshift.Server.Storage;

/// <summary>
/// Opens the historian when the node starts (loading the series registry before anything ingests) and flushes
/// and closes it when the node stops. Registered before the connectors so that it stops after them.
/// </summary>
public sealed class HistorianHost(NightshiftOptions options, SeriesRegistry series, TimeProvider time, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private DuckDbHistorian? _historian;

    /// <summary>The open historian; throws <see cref="InvalidOperationException"/> before the node has started.</summary>
    public IHistorian Historian => _historian ?? throw new InvalidOperationException("The historian is not open yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _historian = await DuckDbHistorian.OpenAsync(
            new DuckDbHistorianOptions { DataFolder = Path.GetFullPath(options.DataDirectory) }, series, time, loggers.CreateLogger<DuckDbHistorian>(), cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_historian is { } historian)
        {
            await historian.FlushAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _historian, null) is { } historian)
        {
            await historian.DisposeAsync();
        }
    }
}
