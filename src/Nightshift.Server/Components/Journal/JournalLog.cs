using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Components.Journal;

/// <summary>The log messages of the journal and webhooks pages (source-generated, event ids 9301–9309).</summary>
public static partial class JournalLog
{
    [LoggerMessage(EventId = 9301, Level = LogLevel.Error, Message = "The journal page could not read the events of {Tenant}")]
    public static partial void QueryFailed(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Error, Message = "The webhooks page failed for {Tenant}")]
    public static partial void WebhooksFailed(ILogger logger, Exception exception, string tenant);
}
