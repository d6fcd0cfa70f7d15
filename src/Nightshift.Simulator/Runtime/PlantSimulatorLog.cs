using Microsoft.Extensions.Logging;

namespace Nightshift.Simulator.Runtime;

/// <summary>The source-generated log messages of <see cref="PlantSimulator"/> (event ids 5000–5099).</summary>
internal static partial class PlantSimulatorLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Virtual plant started: {EdgeNodes} edge nodes, {Devices} devices on {Host}:{Port}, speed {Speed}, seed {Seed}")]
    public static partial void Started(ILogger logger, int edgeNodes, int devices, string host, int port, double speed, int seed);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Virtual plant stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Simulated failure of {EdgeNodeId}/{DeviceId} ({Mode}) at simulated {SimulatedTime:O}")]
    public static partial void Failed(ILogger logger, string edgeNodeId, string deviceId, string mode, DateTime simulatedTime);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Simulated repair of {EdgeNodeId}/{DeviceId} after {DowntimeMinutes:F1} simulated minutes")]
    public static partial void Repaired(ILogger logger, string edgeNodeId, string deviceId, double downtimeMinutes);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Publishing the data of edge node {EdgeNodeId} failed; the edge node reconnects and births again")]
    public static partial void PublishFailed(ILogger logger, string edgeNodeId, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Stopping edge node {EdgeNodeId} failed")]
    public static partial void StopFailed(ILogger logger, string edgeNodeId, Exception exception);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "The virtual plant's publishing loop failed")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Command applied: {EdgeNodeId}/{DeviceId} {Metric} = {Value}")]
    public static partial void CommandApplied(ILogger logger, string edgeNodeId, string deviceId, string metric, string value);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Command refused: {EdgeNodeId}/{DeviceId} {Metric} = {Value} (not writable, unknown or out of range)")]
    public static partial void CommandRefused(ILogger logger, string edgeNodeId, string deviceId, string metric, string value);
}
