using Microsoft.Extensions.Logging;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Modbus;

/// <summary>Source-generated log messages of the Modbus TCP client and poller (event ids 2400-2499).</summary>
internal static partial class ModbusLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "Modbus gateway {Host}:{Port} connected")]
    public static partial void Connected(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Modbus gateway {Host}:{Port}: connection failed ({Reason}); next attempt in {DelayMs} ms")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, string reason, long delayMs);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Modbus gateway {Host}:{Port}: connection lost ({Reason})")]
    public static partial void ConnectionLost(ILogger logger, string host, int port, string reason);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Debug, Message = "Modbus gateway {Host}:{Port}: dropped a response with transaction id {TransactionId} that no request waits for")]
    public static partial void StrayResponse(ILogger logger, string host, int port, ushort transactionId);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Warning, Message = "Modbus gateway {Host}:{Port}: malformed response: {Reason}")]
    public static partial void MalformedResponse(ILogger logger, string host, int port, string reason);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Debug, Message = "Modbus gateway {Host}:{Port}: {Request} timed out")]
    public static partial void RequestTimedOut(ILogger logger, string host, int port, ModbusRequest request);

    [LoggerMessage(EventId = 2410, Level = LogLevel.Information, Message = "Modbus poller of {Host}:{Port} for tenant {Tenant} started: {GroupCount} poll groups, {BlockCount} requests per round")]
    public static partial void PollerStarted(ILogger logger, string host, int port, string tenant, int groupCount, int blockCount);

    [LoggerMessage(EventId = 2411, Level = LogLevel.Warning, Message = "Modbus {Source}: {Block} now gives {Quality}")]
    public static partial void BlockBad(ILogger logger, string source, ModbusReadBlock block, Quality quality);

    [LoggerMessage(EventId = 2412, Level = LogLevel.Information, Message = "Modbus {Source}: {Block} is good again")]
    public static partial void BlockRecovered(ILogger logger, string source, ModbusReadBlock block);

    [LoggerMessage(EventId = 2413, Level = LogLevel.Error, Message = "Modbus {Source}: the ingest sink refused a batch of {Count} points")]
    public static partial void SinkFailed(ILogger logger, string source, int count, Exception exception);

    [LoggerMessage(EventId = 2414, Level = LogLevel.Information, Message = "Modbus {Source}: wrote {Point} = {Value}; read back {ReadBack} ({Quality}, confirmed: {Confirmed})")]
    public static partial void Written(ILogger logger, string source, string point, SampleValue value, SampleValue readBack, Quality quality, bool confirmed);

    [LoggerMessage(EventId = 2416, Level = LogLevel.Error, Message = "Modbus {Source}: the ingest sink refused the status online = {Online}")]
    public static partial void StatusFailed(ILogger logger, string source, bool online, Exception exception);

    [LoggerMessage(EventId = 2415, Level = LogLevel.Error, Message = "Modbus poll group {Group} of {Host}:{Port} stopped unexpectedly")]
    public static partial void GroupFailed(ILogger logger, string group, string host, int port, Exception exception);
}
