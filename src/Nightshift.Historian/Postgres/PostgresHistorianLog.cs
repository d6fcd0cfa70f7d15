using Microsoft.Extensions.Logging;

namespace Nightshift.Historian.Postgres;

/// <summary>Source-generated log messages of the PostgreSQL history store (event ids 3170–3199).</summary>
internal static partial class PostgresHistorianLog
{
    [LoggerMessage(EventId = 3170, Level = LogLevel.Information, Message = "History store opened in PostgreSQL at {Store} ({Layout}) with {SeriesCount} series")]
    public static partial void Opened(ILogger logger, string store, PostgresStorageLayout layout, int seriesCount);

    [LoggerMessage(EventId = 3171, Level = LogLevel.Information, Message = "History store in PostgreSQL at {Store} closed")]
    public static partial void Closed(ILogger logger, string store);

    [LoggerMessage(EventId = 3172, Level = LogLevel.Information, Message = "TimescaleDB is not available ({Reason}); the samples table is partitioned by month")]
    public static partial void TimescaleUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 3173, Level = LogLevel.Warning, Message = "Writing {BatchCount} merged batches ({PointCount} points) failed; retrying batch by batch")]
    public static partial void MergedWriteFailed(ILogger logger, Exception exception, int batchCount, int pointCount);

    [LoggerMessage(EventId = 3174, Level = LogLevel.Error, Message = "Writing a batch of {PointCount} points of tenant {Tenant} failed; the batch is lost")]
    public static partial void WriteFailed(ILogger logger, Exception exception, int pointCount, string tenant);

    [LoggerMessage(EventId = 3175, Level = LogLevel.Error, Message = "Persisting new series to the catalog failed; retrying with the next write")]
    public static partial void SeriesWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3176, Level = LogLevel.Error, Message = "The history writer stopped unexpectedly")]
    public static partial void WriterCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3177, Level = LogLevel.Warning, Message = "PostgreSQL at {Store} is unreachable ({Reason}); retrying the write for up to {RetryLimit}")]
    public static partial void Unreachable(ILogger logger, string store, string reason, TimeSpan retryLimit);

    [LoggerMessage(EventId = 3178, Level = LogLevel.Information, Message = "PostgreSQL at {Store} is reachable again; queued samples are written")]
    public static partial void Reachable(ILogger logger, string store);

    [LoggerMessage(EventId = 3179, Level = LogLevel.Information, Message = "Created the partition of the samples table for the month {Year}-{Month}")]
    public static partial void PartitionCreated(ILogger logger, int year, int month);

    [LoggerMessage(EventId = 3180, Level = LogLevel.Information, Message = "Retention deleted {Count} samples older than {Cutoff:o} of tag class {TagClass}")]
    public static partial void RetentionDeleted(ILogger logger, long count, DateTime cutoff, string tagClass);
}
