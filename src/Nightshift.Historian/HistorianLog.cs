using Microsoft.Extensions.Logging;

namespace Nightshift.Historian;

/// <summary>Source-generated log messages of the historian (event ids 3000–3099).</summary>
internal static partial class HistorianLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "History store opened at {Path} with {SeriesCount} series")]
    public static partial void Opened(ILogger logger, string path, int seriesCount);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "History store at {Path} closed")]
    public static partial void Closed(ILogger logger, string path);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Writing {BatchCount} merged batches ({PointCount} points) failed; retrying batch by batch")]
    public static partial void MergedWriteFailed(ILogger logger, Exception exception, int batchCount, int pointCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Writing a batch of {PointCount} points of tenant {Tenant} failed; the batch is lost")]
    public static partial void WriteFailed(ILogger logger, Exception exception, int pointCount, string tenant);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Persisting new series to the catalog failed; retrying with the next write")]
    public static partial void SeriesWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "The history writer stopped unexpectedly")]
    public static partial void WriterCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "Rolled up {MinuteCount} stale minutes")]
    public static partial void RollupsRefreshed(ILogger logger, long minuteCount);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Updating the rollups failed; the stale minutes stay marked and are retried in the next round")]
    public static partial void RollupRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Retention deleted {RowCount} rows of {Table} older than {Cutoff:O} for tag class {TagClass}")]
    public static partial void RetentionDeleted(ILogger logger, long rowCount, string table, DateTime cutoff, string tagClass);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "A retention pass failed; it is retried at the next interval")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);
}
