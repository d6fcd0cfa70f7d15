using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Export;

/// <summary>Source-generated log messages of history exports (event ids 9350–9359).</summary>
internal static partial class ExportLog
{
    [LoggerMessage(EventId = 9350, Level = LogLevel.Information, Message = "Export of {Tags} tag(s) [{From:O}, {To:O}) as {Format} ({Layout}) for {Actor} in tenant {Tenant}")]
    public static partial void Started(ILogger logger, int tags, DateTime from, DateTime to, ExportFormat format, ExportLayout layout, string actor, string tenant);

    [LoggerMessage(EventId = 9351, Level = LogLevel.Information, Message = "Export completed: {Samples} samples, {Rows} rows, {Bytes} bytes in {Milliseconds} ms")]
    public static partial void Completed(ILogger logger, long samples, long rows, long bytes, long milliseconds);

    [LoggerMessage(EventId = 9352, Level = LogLevel.Information, Message = "Export cancelled: the client went away")]
    public static partial void Cancelled(ILogger logger);

    [LoggerMessage(EventId = 9354, Level = LogLevel.Information, Message = "Export stopped: the connection was lost ({Reason})")]
    public static partial void ConnectionLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 9353, Level = LogLevel.Error, Message = "Export failed after the response started; the connection is aborted so that the client sees an incomplete file")]
    public static partial void Failed(ILogger logger, Exception exception);
}
