using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Components.Live;

/// <summary>The log messages of the control-room UI (event ids 8001–8099).</summary>
public static partial class UiLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "A live refresh of {Component} failed; it will be retried at the next tick")]
    public static partial void TickFailed(ILogger logger, Exception exception, string component);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Could not read the trend of {Tag} for tenant {Tenant}")]
    public static partial void TrendFailed(ILogger logger, Exception exception, string tenant, string tag);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Could not load the twins of tenant {Tenant} for a live view")]
    public static partial void TwinsFailed(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "Could not read the recent history of tenant {Tenant} for the overview's sparklines")]
    public static partial void SparklinesFailed(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Error, Message = "The alarm command {Action} on {Alarm} by {Actor} failed")]
    public static partial void AlarmCommandFailed(ILogger logger, Exception exception, string action, string alarm, string actor);

    [LoggerMessage(EventId = 8050, Level = LogLevel.Error, Message = "A change to a connector by {Actor} failed")]
    public static partial void ConnectorChangeFailed(ILogger logger, Exception exception, string actor);
}
