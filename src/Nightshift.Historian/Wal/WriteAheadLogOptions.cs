namespace Nightshift.Historian.Wal;

/// <summary>
/// Settings of <see cref="WriteAheadLog"/>. Immutable once built; validated by <see cref="WriteAheadLog.OpenAsync"/>.
/// </summary>
public sealed record WriteAheadLogOptions
{
    /// <summary>The name of the log's folder inside a node's data folder.</summary>
    public const string FolderName = "wal";

    /// <summary>The folder of the segment files (<c>{data folder}/wal</c> on a node); created when missing.</summary>
    public required string Folder { get; init; }

    /// <summary>
    /// The size in bytes past which the log starts a new segment file (default 64 MiB). A segment can exceed it by the
    /// records of one group commit, as records never span two segments.
    /// </summary>
    public long SegmentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// How often <see cref="DurableHistoryWriter"/> flushes the store and checkpoints the log (default 5 s): the most
    /// that a restart after a crash replays, and about what the log's folder holds.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(SegmentBytes, 4096L, nameof(SegmentBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CheckpointInterval, TimeSpan.Zero, nameof(CheckpointInterval));
    }
}
