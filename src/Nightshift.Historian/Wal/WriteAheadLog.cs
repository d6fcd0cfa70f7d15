using Microsoft.Extensions.Logging;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Wal;

/// <summary>
/// A write-ahead log of sample batches, independent of the history engine: what <see cref="AppendAsync"/> returned for
/// is on disk (fsync) and is handed to the engine again by <see cref="OpenAsync"/> after a crash, until a
/// <see cref="CheckpointAsync"/> says the engine has stored it. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Design (group commit): an append encodes its batch into one record outside any lock (CRC-32C over the
/// payload, samples grouped by series), then, under a short lock, copies it to the current round's buffer, takes its
/// position and wakes the flusher. A single flusher thread swaps the round buffer, writes everything appended since the
/// previous sync with one write and one fsync, and completes the round: every append of the round returns together, so
/// many concurrent appenders share one fsync, and appends that arrive during an fsync form the next round.</para>
/// <para>Files: segments <c>{position:D20}.wal</c> in <see cref="WriteAheadLogOptions.Folder"/>, each a 16-byte header
/// (magic <c>NSWAL001</c>, the position of its first record) and records (<see cref="WalRecordCodec"/>). A position is a
/// byte offset in the stream of records, headers not counted. A new segment starts when the current one passed
/// <see cref="WriteAheadLogOptions.SegmentBytes"/>. The file <c>checkpoint</c> holds the last checkpoint's position.</para>
/// <para>Series ids: a record that names a series the log has not defined yet is preceded by a definitions record
/// (id, tenant, tag path), so that a replay can restore series registered after the store last persisted its catalog.
/// The series of the registry at open count as defined (the store's catalog holds them), and a checkpoint implies the
/// store persisted every series registered before it.</para>
/// <para>Failure: when a write or fsync fails, what reached the disk is unknown; the round's appends fail with an
/// <see cref="IOException"/> and so does every later append, until the node restarts and replays.</para>
/// </remarks>
public sealed partial class WriteAheadLog : IAsyncDisposable
{
    private const int KeepBufferBytes = 4 * 1024 * 1024;

    private readonly WriteAheadLogOptions _options;
    private readonly SeriesRegistry _series;
    private readonly ILogger<WriteAheadLog> _logger;
    private readonly WalMetrics _metrics;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly TaskCompletionSource _flusherStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WalBuffer _active = new(64 * 1024);
    private WalBuffer _spare = new(64 * 1024);
    private TaskCompletionSource _round = NewRound();
    private ulong[] _defined = new ulong[64];
    private int _roundRecords;
    private bool _requested;
    private bool _closing;
    private Exception? _failure;
    private long _appended;
    private long _durable;
    private long _syncs;
    private int _disposed;

    private WriteAheadLog(
        WriteAheadLogOptions options,
        SeriesRegistry series,
        ILogger<WriteAheadLog> logger,
        WalMetrics metrics,
        WalReplayResult replay,
        List<WalSegmentFile> closedSegments)
    {
        _options = options;
        _series = series;
        _logger = logger;
        _metrics = metrics;
        Replay = replay;
        _appended = replay.EndPosition;
        _durable = replay.EndPosition;
        _closedSegments = closedSegments;
        foreach (var info in series.Since(0))
        {
            MarkDefined(info.Id.Value);
        }

        OpenSegment(replay.EndPosition);
        var flusher = new Thread(FlushLoop) { IsBackground = true, Name = "Nightshift WAL flusher" };
        flusher.Start();
    }

    /// <summary>What the open found and replayed.</summary>
    public WalReplayResult Replay { get; }

    /// <summary>The folder of the segment files.</summary>
    public string Folder => _options.Folder;

    /// <summary>The end of every record appended so far (durable or not yet).</summary>
    public long AppendedPosition
    {
        get
        {
            lock (_gate)
            {
                return _appended;
            }
        }
    }

    /// <summary>The end of the records known to be on disk.</summary>
    public long DurablePosition => Volatile.Read(ref _durable);

    /// <summary>How many group commits (one write and one fsync each) the log has done since it opened.</summary>
    public long SyncCount => Interlocked.Read(ref _syncs);

    /// <summary>
    /// Opens (creating when needed) the log in <see cref="WriteAheadLogOptions.Folder"/> and replays it: reads every
    /// segment in order, loads the series definitions it holds into <paramref name="series"/> and hands every batch after
    /// the last checkpoint to <paramref name="replay"/>, oldest first. A torn or corrupt record (bad length, bad CRC,
    /// short read, malformed payload) ends the replay: the segment is cut off there, later segments are set aside, and
    /// both are logged (event ids 3301, 3302) and counted. New records then go to a fresh segment.
    /// </summary>
    /// <param name="options">Where and how.</param>
    /// <param name="series">The registry, with the store's catalog already loaded.</param>
    /// <param name="replay">Writes one replayed batch to the store (same series and timestamp: last write wins, so
    /// batches the store already has are harmless).</param>
    /// <param name="time">Measures the replay.</param>
    /// <param name="logger">The log's logger.</param>
    /// <param name="ct">Cancels the replay.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="IOException">A segment cannot be read, cut or created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not accessible.</exception>
    public static async Task<WriteAheadLog> OpenAsync(
        WriteAheadLogOptions options,
        SeriesRegistry series,
        Func<SampleBatch, CancellationToken, ValueTask> replay,
        TimeProvider time,
        ILogger<WriteAheadLog> logger,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        var folder = Path.GetFullPath(options.Folder);
        options = options with { Folder = folder };
        Directory.CreateDirectory(folder);
        var metrics = new WalMetrics(folder);
        try
        {
            var started = time.GetTimestamp();
            var (result, closed) = await ReplayAsync(folder, series, replay, logger, metrics, ct).ConfigureAwait(false);
            var log = new WriteAheadLog(options, series, logger, metrics, result, closed);
            var elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
            WalLog.Opened(logger, folder, result.Segments, result.Records, result.Points, elapsedMs, result.EndPosition);
            return log;
        }
        catch
        {
            metrics.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends a batch and completes when it is on disk, returning the position of the end of its record (give it, or
    /// a later position, to <see cref="CheckpointAsync"/> once the store holds the batch). An empty batch writes nothing
    /// and returns <see cref="DurablePosition"/>. Cancelling stops the wait, not the write: the batch may still be logged.
    /// </summary>
    /// <exception cref="IOException">The write or fsync failed, now or earlier (the log then refuses every append).</exception>
    /// <exception cref="ObjectDisposedException">The log was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public ValueTask<long> AppendAsync(SampleBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ct.ThrowIfCancellationRequested();
        if (batch.Count == 0)
        {
            return ValueTask.FromResult(DurablePosition);
        }

        Task round;
        long end;
        using (var encoded = WalRecordCodec.EncodeBatch(batch))
        {
            lock (_gate)
            {
                ThrowIfUnusable();
                var before = _active.Length;
                AppendDefinitions(encoded);
                _active.Write(encoded.Record.WrittenSpan);
                _appended += _active.Length - before;
                end = _appended;
                _roundRecords++;
                round = _round.Task;
                if (!_requested)
                {
                    _requested = true;
                    _signal.Release();
                }
            }

            _metrics.Appends.Add(1);
            _metrics.Points.Add(encoded.PointCount);
        }

        return WaitAsync(round, end, ct);
    }

    /// <summary>
    /// Records that the store holds everything up to <paramref name="position"/>: deletes the segments whose records all
    /// end at or before it (never the one being written) and saves the position, so that the next open replays only what
    /// follows. Returns the number of segments deleted. Positions past <see cref="DurablePosition"/> are cut down to it.
    /// </summary>
    /// <exception cref="IOException">The checkpoint file cannot be written or a segment cannot be deleted.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async ValueTask<int> CheckpointAsync(long position, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        position = Math.Min(position, DurablePosition);
        await _checkpointGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await WriteCheckpointAsync(_options.Folder, position, ct).ConfigureAwait(false);
            var deleted = DeleteSegmentsBefore(position);
            WalLog.Checkpointed(_logger, position, deleted);
            return deleted;
        }
        finally
        {
            _checkpointGate.Release();
        }
    }

    /// <summary>Writes and syncs what was appended, stops the flusher and closes the segment. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _flusherStopped.Task.ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            _closing = true;
            if (!_requested)
            {
                _requested = true;
                _signal.Release();
            }
        }

        await _flusherStopped.Task.ConfigureAwait(false);
        _signal.Dispose();
        _checkpointGate.Dispose();
        _active.Dispose();
        _spare.Dispose();
        _metrics.Dispose();
        WalLog.Closed(_logger, _options.Folder, DurablePosition, SyncCount);
    }

    private static TaskCompletionSource NewRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async ValueTask<long> WaitAsync(Task round, long end, CancellationToken ct)
    {
        await round.WaitAsync(ct).ConfigureAwait(false);
        return end;
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_closing, this);
        if (_failure is { } failure)
        {
            throw new IOException($"The write-ahead log at {_options.Folder} failed to write or sync earlier and accepts no more records until the node restarts.", failure);
        }
    }

    /// <summary>Under the lock: a definitions record for the series of the batch the log has not defined yet.</summary>
    private void AppendDefinitions(EncodedBatch encoded)
    {
        List<SeriesInfo>? missing = null;
        for (var i = 0; i < encoded.SeriesCount; i++)
        {
            var id = encoded.Series[i];
            if (id <= 0 || IsDefined(id))
            {
                continue;
            }

            MarkDefined(id);
            if (_series.TryGet(new SeriesId(id), out var info))
            {
                (missing ??= []).Add(info);
            }
        }

        if (missing is not null)
        {
            WalRecordCodec.AppendDefinitions(_active, missing);
            _roundRecords++;
        }
    }

    private bool IsDefined(int id)
    {
        var word = id >> 6;
        return word < _defined.Length && (_defined[word] & (1UL << (id & 63))) != 0;
    }

    private void MarkDefined(int id)
    {
        var word = id >> 6;
        if (word >= _defined.Length)
        {
            Array.Resize(ref _defined, Math.Max(_defined.Length * 2, word + 1));
        }

        _defined[word] |= 1UL << (id & 63);
    }
}
