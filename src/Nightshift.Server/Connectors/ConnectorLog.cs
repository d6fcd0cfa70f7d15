using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Connectors;

/// <summary>Log messages of the connector framework, event ids 4300–4399.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Connector {Tenant}/{Name} started: {Kind} {Host}:{Port}")]
    public static partial void Started(ILogger logger, string tenant, string name, string kind, string host, int port);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Connector {Tenant}/{Name} stopped")]
    public static partial void Stopped(ILogger logger, string tenant, string name);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Connector {Tenant}/{Name}: no answer for {Intervals} intervals ({LimitMs} ms) on an open connection; reconnecting")]
    public static partial void WatchdogReconnect(ILogger logger, string tenant, string name, int intervals, long limitMs);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Error, Message = "Connector {Tenant}/{Name}: the watchdog failed")]
    public static partial void WatchdogFailed(ILogger logger, string tenant, string name, Exception exception);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "Connector {Tenant}/{Name}: could not mark its sources offline")]
    public static partial void MarkOfflineFailed(ILogger logger, string tenant, string name, Exception exception);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Information, Message = "Connector {Tenant}/{Name} saved ({Action})")]
    public static partial void Saved(ILogger logger, string tenant, string name, string action);

    [LoggerMessage(EventId = 4306, Level = LogLevel.Error, Message = "Stored connector {Tenant}/{Name} is invalid and was not started: {Errors}")]
    public static partial void StoredInvalid(ILogger logger, string tenant, string name, string errors);

    [LoggerMessage(EventId = 4307, Level = LogLevel.Information, Message = "Loaded {Count} stored connectors ({Running} enabled)")]
    public static partial void Loaded(ILogger logger, int count, int running);
}
