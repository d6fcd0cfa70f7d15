using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Components.Live;

/// <summary>
/// The base of components that show live data. Data arrives on other threads and only calls
/// <see cref="MarkChanged"/>; a <see cref="PeriodicTimer"/> on the injected <see cref="TimeProvider"/> then
/// re-renders at most once per <see cref="RefreshInterval"/>, and at least once per <see cref="MaxRenderAge"/>
/// for text that depends on the clock (time in state). <see cref="MarkChanged"/> is thread-safe; everything else
/// runs on the renderer. The timer stops when the component is disposed.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping;
    private readonly CancellationToken _stoppingToken;
    private PeriodicTimer? _timer;
    private int _changed;
    private long _lastRender;
    private bool _disposed;

    protected LiveComponentBase()
    {
        _stopping = new CancellationTokenSource();
        _stoppingToken = _stopping.Token; // kept: it stays readable after the source is disposed
    }

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    /// <summary>The logger of the UI's live views.</summary>
    [Inject]
    protected ILogger<LiveComponentBase> Logger { get; set; } = default!;

    /// <summary>How often pending changes are rendered.</summary>
    protected virtual TimeSpan RefreshInterval => TimeSpan.FromMilliseconds(400);

    /// <summary>The longest time between two renders even without changes; null to render on changes only.</summary>
    protected virtual TimeSpan? MaxRenderAge => TimeSpan.FromSeconds(1);

    /// <summary>Cancelled when the component is disposed.</summary>
    protected CancellationToken Stopping => _stoppingToken;

    /// <summary>The current instant (UTC) of the injected clock.</summary>
    protected DateTime UtcNow => Time.GetUtcNow().UtcDateTime;

    /// <summary>Asks for a render at the next tick. Safe to call from any thread.</summary>
    protected void MarkChanged() => Interlocked.Exchange(ref _changed, 1);

    /// <summary>Starts the refresh timer (once); call when the component has its data and its subscriptions.</summary>
    protected void StartRefreshing()
    {
        if (_timer is not null || _disposed)
        {
            return;
        }

        _timer = new PeriodicTimer(RefreshInterval, Time);
        _lastRender = Time.GetTimestamp();
        _ = RefreshLoopAsync(_timer, _stoppingToken);
    }

    /// <summary>Runs on the renderer at every tick before the render decision; return true to force a render.</summary>
    protected virtual Task<bool> OnTickAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync();
        _timer?.Dispose();
        await DisposeAsyncCore();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the subscriptions of a derived component.</summary>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;

    private async Task RefreshLoopAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(() => TickAsync(cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
        catch (ObjectDisposedException)
        {
            // the circuit went away between two ticks
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var force = false;
        try
        {
            force = await OnTickAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            UiLog.TickFailed(Logger, ex, GetType().Name);
        }

        var changed = Interlocked.Exchange(ref _changed, 0) == 1;
        var now = Time.GetTimestamp();
        if (changed || force || (MaxRenderAge is { } age && Time.GetElapsedTime(_lastRender, now) >= age))
        {
            _lastRender = now;
            StateHasChanged();
        }
    }
}
