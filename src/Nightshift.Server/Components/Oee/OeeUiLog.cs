using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Components.Oee;

/// <summary>The log messages of the OEE dashboard and the order board (event ids 8101–8119).</summary>
public static partial class OeeUiLog
{
    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Could not compute the OEE of {Scope} for tenant {Tenant}")]
    public static partial void OeeFailed(ILogger logger, Exception exception, string tenant, string scope);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Error, Message = "The re-classification of downtime {Interval} by {Actor} failed")]
    public static partial void ReclassifyFailed(ILogger logger, Exception exception, string interval, string actor);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Warning, Message = "Could not read the orders of tenant {Tenant}")]
    public static partial void OrdersFailed(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Error, Message = "The order command {Action} on {Order} by {Actor} failed")]
    public static partial void OrderCommandFailed(ILogger logger, Exception exception, string action, string order, string actor);
}
