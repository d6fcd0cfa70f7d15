using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Retention;

/// <summary>
/// Runs <see cref="IRetentionTarget.ApplyRetentionAsync"/> in the background every <see cref="RetentionOptions.Interval"/>
/// (on the injected <see cref="TimeProvider"/>), the first time one interval after the start. A failed pass is logged and
/// retried at the next interval. Dispose to stop. Thread-safe.
/// </summary>
public sealed class RetentionJob : IAsyncDisposable
{
    private readonly IRetentionTarget _historian;
    private readonly RetentionOptions _options;
    private readonly Func<SeriesInfo, string?> _classOf;
    private readonly ILogger _logger;
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _passes;

    /// <param name="historian">The store to apply retention to; it must outlive the job.</param>
    /// <param name="options">The policies per class.</param>
    /// <param name="classOf">The tag class of a series (null: the default class), e.g. from the plant model.</param>
    /// <param name="time">The clock of the interval and of the cut-offs.</param>
    /// <param name="logger">Where passes and failures are logged.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public RetentionJob(IRetentionTarget historian, RetentionOptions options, Func<SeriesInfo, string?> classOf, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(historian);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(classOf);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _historian = historian;
        _options = options;
        _classOf = classOf;
        _logger = logger;
        _timer = new PeriodicTimer(options.Interval, time);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The number of passes completed (failed ones included).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed pass is logged and retried at the next interval; the job must not die.")]
    private async Task RunAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await _historian.ApplyRetentionAsync(_options, _classOf, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (Exception ex)
                {
                    HistorianLog.RetentionFailed(_logger, ex);
                }

                Interlocked.Increment(ref _passes);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
