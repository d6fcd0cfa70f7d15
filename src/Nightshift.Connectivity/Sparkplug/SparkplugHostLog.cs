using Microsoft.Extensions.Logging;

namespace Nightshift.Connectivity.Sparkplug;

/// <summary>Source-generated log messages of <see cref="SparkplugHostApplication"/> (event ids 2200-2299).</summary>
internal static partial class SparkplugHostLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Sparkplug host {HostId} online")]
    public static partial void Started(ILogger logger, string hostId);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Sparkplug host {HostId} offline")]
    public static partial void Stopped(ILogger logger, string hostId);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Tenant {Tenant}: ignored a message on {Topic}: {Reason}")]
    public static partial void BadTopic(ILogger logger, string tenant, string topic, string reason);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Tenant {Tenant}: malformed Sparkplug payload on {Topic}: {Reason}")]
    public static partial void MalformedPayload(ILogger logger, string tenant, string topic, string reason);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Tenant {Tenant}: skipped {Count} metrics of unsupported kinds (dataset, template, bytes, arrays) on {Topic}")]
    public static partial void UnsupportedMetrics(ILogger logger, string tenant, string topic, int count);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "Tenant {Tenant}: NBIRTH of {Source} (bdSeq {BdSeq}, {MetricCount} metrics, after rebirth request: {AfterRebirth})")]
    public static partial void NodeBirth(ILogger logger, string tenant, string source, long bdSeq, int metricCount, bool afterRebirth);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "Tenant {Tenant}: NDEATH of {Source} (bdSeq {BdSeq})")]
    public static partial void NodeDeath(ILogger logger, string tenant, string source, long bdSeq);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Information, Message = "Tenant {Tenant}: ignored NDEATH of {Source} with bdSeq {Received}; the current session has bdSeq {Current}")]
    public static partial void StaleDeath(ILogger logger, string tenant, string source, long received, long current);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Information, Message = "Tenant {Tenant}: DBIRTH of {Source} ({MetricCount} metrics)")]
    public static partial void DeviceBirth(ILogger logger, string tenant, string source, int metricCount);

    [LoggerMessage(EventId = 2209, Level = LogLevel.Information, Message = "Tenant {Tenant}: DDEATH of {Source}")]
    public static partial void DeviceDeath(ILogger logger, string tenant, string source);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Warning, Message = "Tenant {Tenant}: data from {Source} before its birth; dropped")]
    public static partial void NoBirth(ILogger logger, string tenant, string source);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Warning, Message = "Tenant {Tenant}: sequence gap from {Source}: expected seq {Expected}, received {Received}; dropped")]
    public static partial void SequenceGap(ILogger logger, string tenant, string source, int expected, int received);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Warning, Message = "Tenant {Tenant}: unknown metric '{Name}' / alias {Alias} from {Source}; message dropped")]
    public static partial void UnknownAlias(ILogger logger, string tenant, string source, string name, ulong alias);

    [LoggerMessage(EventId = 2213, Level = LogLevel.Information, Message = "Tenant {Tenant}: requested a rebirth of {Source}")]
    public static partial void RebirthRequested(ILogger logger, string tenant, string source);

    [LoggerMessage(EventId = 2214, Level = LogLevel.Information, Message = "Tenant {Tenant}: sent {Topic} writing {Metric}")]
    public static partial void CommandSent(ILogger logger, string tenant, string topic, string metric);

    [LoggerMessage(EventId = 2215, Level = LogLevel.Error, Message = "Tenant {Tenant}: could not save the Sparkplug session of {Source}")]
    public static partial void SaveFailed(ILogger logger, string tenant, string source, Exception exception);
}
