using Microsoft.Extensions.Logging;

namespace Nightshift.Connectivity.Mqtt;

/// <summary>Source-generated log messages of <see cref="EmbeddedBroker"/> (event ids 2000-2099).</summary>
internal static partial class EmbeddedBrokerLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "MQTT broker listening on {Address}:{Port}")]
    public static partial void Started(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "MQTT broker on port {Port} stopped")]
    public static partial void Stopped(ILogger logger, int port);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "MQTT client {ClientId} authenticated as {Name} of tenant {Tenant}")]
    public static partial void ClientAuthenticated(ILogger logger, string clientId, string tenant, string name);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "MQTT client {ClientId} from {Endpoint} refused: {Reason}")]
    public static partial void ClientRefused(ILogger logger, string clientId, string endpoint, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "The credential validator failed for MQTT client {ClientId}; connection refused")]
    public static partial void ValidatorFailed(ILogger logger, string clientId, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "MQTT client {ClientId} published {Size} bytes on {Topic}, over the limit of {Limit}; dropped")]
    public static partial void OversizedPayload(ILogger logger, string clientId, string topic, long size, int limit);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "MQTT client {ClientId} published bad input on {Topic}: {Reason}")]
    public static partial void BadInput(ILogger logger, string clientId, string topic, string reason);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "The ingest pipeline failed for a message of MQTT client {ClientId} on {Topic}; not acknowledged")]
    public static partial void PipelineFailed(ILogger logger, string clientId, string topic, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "The MQTT broker did not stop in time")]
    public static partial void StopTimedOut(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "MQTT client {ClientId} may not publish to {Topic}: {Reason}")]
    public static partial void NotAuthorized(ILogger logger, string clientId, string topic, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "An MQTT client connected without a client id; assigned {AssignedId}")]
    public static partial void ClientIdAssigned(ILogger logger, string assignedId);
}
