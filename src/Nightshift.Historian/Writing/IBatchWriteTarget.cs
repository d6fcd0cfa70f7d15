using Nightshift.Core.Samples;

namespace Nightshift.Historian.Writing;

/// <summary>
/// What a history engine supplies to the <see cref="BatchingWriter"/>: one write of merged batches to its storage, and
/// its own log messages (each engine keeps its event ids). Called only from the writer's single background task.
/// </summary>
internal interface IBatchWriteTarget
{
    /// <summary>Where the data goes, for the message of a failed flush (" to postgresql://…"), or empty.</summary>
    string FailureDestination { get; }

    /// <summary>True when series were registered since the last write, so that a round without samples still writes.</summary>
    bool HasNewSeries { get; }

    /// <summary>
    /// Writes the batches (none: only the series registered since the last write) in one transaction, all or nothing.
    /// </summary>
    /// <exception cref="Exception">The write failed; nothing of it is stored.</exception>
    ValueTask WriteAsync(IReadOnlyList<SampleBatch> batches);

    /// <summary>
    /// True when <paramref name="exception"/> means that writing the batches one by one cannot succeed either (the
    /// storage is unreachable), so every batch of the round is lost at once.
    /// </summary>
    bool LosesRound(Exception exception);

    /// <summary>Logs that a write of merged batches failed and the batches are written one by one.</summary>
    void LogMergedWriteFailed(Exception exception, int batchCount, int pointCount);

    /// <summary>Logs that a batch is lost.</summary>
    void LogWriteFailed(Exception exception, int pointCount, string tenant);

    /// <summary>Logs that persisting the new series alone failed.</summary>
    void LogSeriesWriteFailed(Exception exception);

    /// <summary>Logs that the writer stopped on a defect.</summary>
    void LogWriterCrashed(Exception exception);
}
