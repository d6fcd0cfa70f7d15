using Microsoft.Extensions.Logging;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa;

/// <summary>Source-generated log messages of the OPC UA client (event ids 2500-2599).</summary>
internal static partial class OpcUaLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "OPC UA secure channel {ChannelId} to {Endpoint} opened ({Policy}, token {TokenId}, lifetime {LifetimeMs} ms, chunks {SendChunk}/{ReceiveChunk} bytes)")]
    public static partial void ChannelOpened(ILogger logger, uint channelId, string endpoint, string policy, uint tokenId, uint lifetimeMs, int sendChunk, int receiveChunk);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Debug, Message = "OPC UA secure channel {ChannelId}: token renewed, now {TokenId}")]
    public static partial void TokenRenewed(ILogger logger, uint channelId, uint tokenId);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning, Message = "OPC UA secure channel {ChannelId} to {Endpoint} closed: {Reason}")]
    public static partial void ChannelFaulted(ILogger logger, uint channelId, string endpoint, string reason);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Warning, Message = "OPC UA secure channel {ChannelId}: renewing the token failed")]
    public static partial void RenewFailed(ILogger logger, uint channelId, Exception exception);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Debug, Message = "OPC UA secure channel {ChannelId}: dropped a response to request {RequestId} that no caller waits for")]
    public static partial void StrayResponse(ILogger logger, uint channelId, uint requestId);

    [LoggerMessage(EventId = 2505, Level = LogLevel.Debug, Message = "OPC UA {Endpoint}: {Step}")]
    public static partial void Handshake(ILogger logger, string endpoint, string step);

    [LoggerMessage(EventId = 2510, Level = LogLevel.Information, Message = "OPC UA session {SessionId} on {Endpoint} activated ({Identity})")]
    public static partial void SessionActivated(ILogger logger, NodeId sessionId, string endpoint, UserIdentity identity);

    [LoggerMessage(EventId = 2511, Level = LogLevel.Warning, Message = "OPC UA connection to {Endpoint} lost: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 2512, Level = LogLevel.Warning, Message = "OPC UA reconnect to {Endpoint} failed (attempt {Attempt}): {Reason}; next attempt in {DelayMs} ms")]
    public static partial void ReconnectFailed(ILogger logger, string endpoint, int attempt, string reason, long delayMs);

    [LoggerMessage(EventId = 2513, Level = LogLevel.Information, Message = "OPC UA reconnected to {Endpoint}: session {Outcome}")]
    public static partial void Reconnected(ILogger logger, string endpoint, string outcome);

    [LoggerMessage(EventId = 2514, Level = LogLevel.Debug, Message = "OPC UA reconnect to {Endpoint}: {Step}")]
    public static partial void ReconnectStep(ILogger logger, string endpoint, string step);

    [LoggerMessage(EventId = 2515, Level = LogLevel.Debug, Message = "OPC UA reconnect to {Endpoint}: attempt {Attempt}")]
    public static partial void ReconnectAttempt(ILogger logger, string endpoint, int attempt);

    [LoggerMessage(EventId = 2520, Level = LogLevel.Information, Message = "OPC UA subscription {SubscriptionId} created: {Items} monitored items, publishing every {IntervalMs} ms")]
    public static partial void SubscriptionCreated(ILogger logger, uint subscriptionId, int items, double intervalMs);

    [LoggerMessage(EventId = 2521, Level = LogLevel.Warning, Message = "OPC UA subscription {SubscriptionId}: notification {SequenceNumber} is lost ({Status})")]
    public static partial void NotificationLost(ILogger logger, uint subscriptionId, uint sequenceNumber, StatusCode status);

    [LoggerMessage(EventId = 2522, Level = LogLevel.Warning, Message = "OPC UA publish failed: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2523, Level = LogLevel.Error, Message = "OPC UA subscription {SubscriptionId}: the callback threw")]
    public static partial void CallbackFailed(ILogger logger, uint subscriptionId, Exception exception);

    [LoggerMessage(EventId = 2524, Level = LogLevel.Warning, Message = "OPC UA subscription {SubscriptionId}: {Failed} of {Total} monitored items were refused (first: {Status})")]
    public static partial void ItemsRefused(ILogger logger, uint subscriptionId, int failed, int total, StatusCode? status);

    [LoggerMessage(EventId = 2525, Level = LogLevel.Information, Message = "OPC UA subscription {OldId} {Outcome} as {NewId}")]
    public static partial void SubscriptionRestored(ILogger logger, uint oldId, string outcome, uint newId);

    [LoggerMessage(EventId = 2526, Level = LogLevel.Debug, Message = "OPC UA subscription {SubscriptionId}: republished notification {SequenceNumber}")]
    public static partial void Republished(ILogger logger, uint subscriptionId, uint sequenceNumber);

    [LoggerMessage(EventId = 2527, Level = LogLevel.Warning, Message = "OPC UA subscription {SubscriptionId}: status changed to {Status}")]
    public static partial void SubscriptionStatusChanged(ILogger logger, uint subscriptionId, StatusCode status);
}
