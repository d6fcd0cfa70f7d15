using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Wal;

namespace Nightshift.Historian.Tests.Wal;

/// <summary>
/// A log folder for one test, with helpers to open the log and collect what it replays. Disposing deletes the folder.
/// </summary>
public sealed class WalFixture : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public string WalFolder => Path.Combine(_folder.Path, WriteAheadLogOptions.FolderName);

    public string DataFolder => _folder.Path;

    public RecordingLogger<WriteAheadLog> Logger { get; } = new();

    /// <summary>The batches the last <see cref="OpenAsync"/> replayed, in order.</summary>
    public List<SampleBatch> Replayed { get; } = [];

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public WriteAheadLogOptions Options(long segmentBytes = 64L * 1024 * 1024) =>
        new() { Folder = WalFolder, SegmentBytes = segmentBytes };

    public Task<WriteAheadLog> OpenAsync(SeriesRegistry? series = null, long segmentBytes = 64L * 1024 * 1024)
    {
        Replayed.Clear();
        return WriteAheadLog.OpenAsync(
            Options(segmentBytes),
            series ?? new SeriesRegistry(),
            (batch, _) =>
            {
                Replayed.Add(batch);
                return ValueTask.CompletedTask;
            },
            TimeProvider.System,
            Logger,
            Ct);
    }

    /// <summary>The segment files, oldest first.</summary>
    public string[] Segments() => [.. Directory.GetFiles(WalFolder, "*.wal").Order(StringComparer.Ordinal)];

    public void Dispose() => _folder.Dispose();
}
