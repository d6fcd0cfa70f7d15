using Microsoft.Extensions.Logging;
using Nightshift.Core.Alarms;

namespace Nightshift.Server.Alarms;

/// <summary>The change notification of the alarm service: live views subscribe instead of polling.</summary>
public sealed partial class AlarmService
{
    /// <summary>
    /// Raised after one or more alarms of a tenant went through a transition (process, timer or operator), on the thread
    /// that caused it (ingest, the timer, a command) and outside every equipment lock. Handlers must be quick (mark a
    /// view as changed, nothing more) and are run one after the other; one that throws is logged and the others still run.
    /// Subscribing and unsubscribing are thread-safe.
    /// </summary>
    public event EventHandler<AlarmsChangedEventArgs>? Changed;

    /// <summary>
    /// Raised with the transitions themselves (for notifications), before <see cref="Changed"/>, on the same thread and
    /// under the same rules: outside every equipment lock, handlers quick (queue the events, nothing more), one that throws
    /// is logged and the others still run.
    /// </summary>
    public event EventHandler<AlarmTransitionsEventArgs>? Transitioned;

    private void RaiseTransitioned(string tenant, List<AlarmEvent> events)
    {
        if (Transitioned is not { } handlers)
        {
            return;
        }

        var args = new AlarmTransitionsEventArgs(tenant, events);
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<AlarmTransitionsEventArgs>)handler)(this, args);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogChangedHandlerFailed(_logger, ex, tenant);
            }
        }
    }

    private void RaiseChanged(string tenant)
    {
        if (Changed is not { } handlers)
        {
            return;
        }

        var args = new AlarmsChangedEventArgs(tenant);
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<AlarmsChangedEventArgs>)handler)(this, args);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogChangedHandlerFailed(_logger, ex, tenant);
            }
        }
    }

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "A subscriber to the alarm changes of {Tenant} failed")]
    private static partial void LogChangedHandlerFailed(ILogger logger, Exception exception, string tenant);
}
