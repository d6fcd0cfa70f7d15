namespace Nightshift.Historian.Wal;

/// <summary>
/// What <see cref="WriteAheadLog.OpenAsync"/> found and replayed. Positions are byte offsets in the log's record stream
/// (segment headers not counted). Immutable.
/// </summary>
/// <param name="Segments">The segment files read.</param>
/// <param name="Records">Records handed on (definitions and batches) after the last checkpoint.</param>
/// <param name="Points">Samples handed to the store.</param>
/// <param name="SkippedRecords">Valid records at or before the last checkpoint, not replayed (already stored).</param>
/// <param name="EndPosition">The end of the last valid record: where the log goes on.</param>
/// <param name="Problem">Why reading stopped early (a torn or corrupt record), or null when every record was valid.</param>
/// <param name="TruncatedBytes">Bytes cut off the segment that held the bad record.</param>
/// <param name="DiscardedSegments">Later segments set aside (renamed <c>*.wal.discarded</c>) after a bad record.</param>
public sealed record WalReplayResult(
    int Segments,
    long Records,
    long Points,
    long SkippedRecords,
    long EndPosition,
    string? Problem,
    long TruncatedBytes,
    int DiscardedSegments)
{
    /// <summary>True when a torn or corrupt tail was found, cut off and reported.</summary>
    public bool RecoveredCorruptTail => Problem is not null;
}
