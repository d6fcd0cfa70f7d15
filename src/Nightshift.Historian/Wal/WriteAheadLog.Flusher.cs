using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Nightshift.Historian.Wal;

/// <summary>The flusher (one write and one fsync per round), segment files and checkpoints.</summary>
public sealed partial class WriteAheadLog
{
    private const int SegmentHeaderSize = 16;
    private const string SegmentExtension = ".wal";
    private const string CheckpointFileName = "checkpoint";

    private readonly Lock _segmentsGate = new();
    private readonly List<WalSegmentFile> _closedSegments;
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);
    private FileStream? _segment;
    private long _currentBase;
    private long _currentLength;

    private static ReadOnlySpan<byte> Magic => "NSWAL001"u8;

    /// <summary>The number of segment files, the one being written included.</summary>
    public int SegmentCount
    {
        get
        {
            lock (_segmentsGate)
            {
                return _closedSegments.Count + 1;
            }
        }
    }

    private static string SegmentPath(string folder, long position) =>
        Path.Combine(folder, position.ToString("D20", CultureInfo.InvariantCulture) + SegmentExtension);

    /// <summary>
    /// The flusher thread: waits for appends, then per round swaps the buffers, writes and syncs, and completes the
    /// round's appends. Ends after the round that follows <see cref="DisposeAsync"/>.
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any failure of a write or sync must fail the round's appends and stop later ones, not end the flusher silently.")]
    private void FlushLoop()
    {
        try
        {
            while (true)
            {
                _signal.Wait();
                WalBuffer buffer;
                TaskCompletionSource round;
                bool closing;
                long end;
                int records;
                Exception? failure;
                lock (_gate)
                {
                    buffer = _active;
                    _active = _spare;
                    _spare = buffer;
                    round = _round;
                    _round = NewRound();
                    records = _roundRecords;
                    _roundRecords = 0;
                    _requested = false;
                    closing = _closing;
                    end = _appended;
                    failure = _failure;
                }

                if (buffer.Length > 0)
                {
                    if (failure is null)
                    {
                        try
                        {
                            WriteRound(buffer.WrittenSpan);
                            Volatile.Write(ref _durable, end);
                            Interlocked.Increment(ref _syncs);
                            _metrics.Syncs.Add(1);
                            _metrics.Bytes.Add(buffer.Length);
                            _metrics.RecordsPerSync.Record(records);
                            round.TrySetResult();
                        }
                        catch (Exception ex)
                        {
                            WalLog.WriteFailed(_logger, ex, _options.Folder);
                            lock (_gate)
                            {
                                _failure = ex;
                            }

                            round.TrySetException(new IOException($"The write-ahead log at {_options.Folder} could not write or sync: {ex.Message}", ex));
                        }
                    }
                    else
                    {
                        round.TrySetException(new IOException($"The write-ahead log at {_options.Folder} failed earlier and accepts no more records until the node restarts.", failure));
                    }

                    buffer.Reset(KeepBufferBytes);
                }
                else
                {
                    round.TrySetResult();
                }

                if (closing)
                {
                    break;
                }
            }
        }
        finally
        {
            _segment?.Dispose();
            _segment = null;
            _flusherStopped.TrySetResult();
        }
    }

    /// <summary>Writes one round to the current segment (starting a new one first when it is full) and fsyncs it.</summary>
    private void WriteRound(ReadOnlySpan<byte> records)
    {
        if (_currentLength > SegmentHeaderSize && _currentLength + records.Length > _options.SegmentBytes)
        {
            var previous = new WalSegmentFile(_currentBase, SegmentPath(_options.Folder, _currentBase));
            _segment!.Dispose();
            _segment = null;
            OpenSegment(Volatile.Read(ref _durable));
            lock (_segmentsGate)
            {
                _closedSegments.Add(previous);
            }
        }

        _segment!.Write(records);
        _segment.Flush(flushToDisk: true);
        _currentLength += records.Length;
    }

    /// <summary>Creates the segment whose first record will be at <paramref name="position"/>, with its header synced.</summary>
    private void OpenSegment(long position)
    {
        var stream = new FileStream(SegmentPath(_options.Folder, position), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        try
        {
            Span<byte> header = stackalloc byte[SegmentHeaderSize];
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt64LittleEndian(header[8..], position);
            stream.Write(header);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        _segment = stream;
        _currentLength = SegmentHeaderSize;
        lock (_segmentsGate)
        {
            _currentBase = position;
        }
    }

    /// <summary>Deletes the closed segments whose records all end at or before <paramref name="position"/>.</summary>
    private int DeleteSegmentsBefore(long position)
    {
        List<WalSegmentFile> doomed = [];
        lock (_segmentsGate)
        {
            var count = 0;
            while (count < _closedSegments.Count)
            {
                var end = count + 1 < _closedSegments.Count ? _closedSegments[count + 1].Base : _currentBase;
                if (end > position)
                {
                    break;
                }

                count++;
            }

            doomed.AddRange(_closedSegments.Take(count));
            _closedSegments.RemoveRange(0, count);
        }

        foreach (var segment in doomed)
        {
            File.Delete(segment.Path);
        }

        return doomed.Count;
    }

    /// <summary>Saves the checkpoint position: <c>[position: i64 LE][CRC-32C of it: u32 LE]</c>, written to a temporary file, synced, then renamed over the old one.</summary>
    private static async Task WriteCheckpointAsync(string folder, long position, CancellationToken ct)
    {
        var bytes = new byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, position);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), Crc32C.Compute(bytes.AsSpan(0, 8)));
        var path = Path.Combine(folder, CheckpointFileName);
        var temporary = path + ".tmp";
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The saved checkpoint position, 0 when there is none, or null when the file is unreadable.</summary>
    private static async Task<long?> ReadCheckpointAsync(string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, CheckpointFileName);
        if (!File.Exists(path))
        {
            return 0;
        }

        var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        if (bytes.Length != 12 || Crc32C.Compute(bytes.AsSpan(0, 8)) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)))
        {
            return null;
        }

        var position = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        return position < 0 ? null : position;
    }
}
