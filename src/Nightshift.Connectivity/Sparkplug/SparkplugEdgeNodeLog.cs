using Microsoft.Extensions.Logging;

namespace Nightshift.Connectivity.Sparkplug;

/// <summary>Source-generated log messages of <see cref="SparkplugEdgeNode"/> (event ids 2100-2199).</summary>
internal static partial class SparkplugEdgeNodeLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Edge node {EdgeNode} connected to {Host}:{Port} with bdSeq {BdSeq}")]
    public static partial void Connected(ILogger logger, string edgeNode, string host, int port, long bdSeq);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Edge node {EdgeNode} published NBIRTH with {MetricCount} metrics and {DeviceCount} DBIRTHs")]
    public static partial void Born(ILogger logger, string edgeNode, int metricCount, int deviceCount);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Edge node {EdgeNode} dropped {MessageType}: not connected or not born")]
    public static partial void DataDropped(ILogger logger, string edgeNode, string messageType);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Edge node {EdgeNode} lost its connection ({Reason})")]
    public static partial void ConnectionLost(ILogger logger, string edgeNode, string reason, Exception? exception);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Edge node {EdgeNode} could not reconnect; next try in up to {DelayMs} ms")]
    public static partial void ReconnectFailed(ILogger logger, string edgeNode, double delayMs, Exception exception);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Edge node {EdgeNode} ignored a message on {Topic}: {Reason}")]
    public static partial void BadCommand(ILogger logger, string edgeNode, string topic, string reason);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Error, Message = "Edge node {EdgeNode}: a command handler for {Topic} failed")]
    public static partial void HandlerFailed(ILogger logger, string edgeNode, string topic, Exception exception);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "Edge node {EdgeNode} re-births on request")]
    public static partial void RebirthRequested(ILogger logger, string edgeNode);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Information, Message = "Edge node {EdgeNode} saw primary host {HostId} online={Online}")]
    public static partial void HostState(ILogger logger, string edgeNode, string hostId, bool online);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "Edge node {EdgeNode} could not disconnect cleanly")]
    public static partial void DisposeFailed(ILogger logger, string edgeNode, Exception exception);
}
