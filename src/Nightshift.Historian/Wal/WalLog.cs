using Microsoft.Extensions.Logging;

namespace Nightshift.Historian.Wal;

/// <summary>Source-generated log messages of the write-ahead log (event ids 3300–3399).</summary>
internal static partial class WalLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Write-ahead log opened at {Folder}: {Segments} segment(s), replayed {Records} record(s) with {Points} point(s) in {ElapsedMs} ms, continuing at position {Position}")]
    public static partial void Opened(ILogger logger, string folder, int segments, long records, long points, long elapsedMs, long position);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Write-ahead log segment {Segment}: {Problem} at byte {Offset}; recovered up to the last valid record and cut off {TruncatedBytes} byte(s)")]
    public static partial void CorruptTail(ILogger logger, string segment, string problem, long offset, long truncatedBytes);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Write-ahead log: {Count} segment(s) after a bad record set aside as *.wal.discarded, the first {Segment}")]
    public static partial void SegmentsDiscarded(ILogger logger, int count, string segment);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Warning, Message = "Write-ahead log: the definition of series {SeriesId} as {Tenant}/{Path} conflicts with the catalog; the catalog's is kept")]
    public static partial void DefinitionConflict(ILogger logger, int seriesId, string tenant, string path);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Critical, Message = "The write-ahead log at {Folder} could not write or sync a group commit; it accepts no more records until the node restarts")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string folder);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Debug, Message = "Write-ahead log checkpoint at position {Position}: {Deleted} segment(s) deleted")]
    public static partial void Checkpointed(ILogger logger, long position, int deleted);

    [LoggerMessage(EventId = 3306, Level = LogLevel.Warning, Message = "The write-ahead log's checkpoint file {File} is unreadable; replaying every segment (stored points are rewritten harmlessly)")]
    public static partial void CheckpointUnreadable(ILogger logger, string file);

    [LoggerMessage(EventId = 3307, Level = LogLevel.Information, Message = "Write-ahead log at {Folder} closed at position {Position} after {Syncs} sync(s)")]
    public static partial void Closed(ILogger logger, string folder, long position, long syncs);

    [LoggerMessage(EventId = 3308, Level = LogLevel.Warning, Message = "Write-ahead log: segment {Segment} starts at {Actual}, not at {Expected} where the previous one ended")]
    public static partial void SegmentGap(ILogger logger, string segment, long actual, long expected);

    [LoggerMessage(EventId = 3309, Level = LogLevel.Warning, Message = "Flushing the history store for a write-ahead log checkpoint failed; the log keeps the records and the next checkpoint tries again")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);
}
