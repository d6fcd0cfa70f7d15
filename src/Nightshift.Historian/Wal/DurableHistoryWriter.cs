using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Wal;

/// <summary>
/// The durable write path in front of a history engine: <see cref="WriteAsync"/> appends the batch to the
/// <see cref="WriteAheadLog"/> (returning once it is on disk) and then queues it to the engine; every
/// <see cref="WriteAheadLogOptions.CheckpointInterval"/>, and on <see cref="FlushAsync"/>, the engine is flushed and the
/// log checkpointed, so the log only holds what the engine may not have stored yet. Opening replays the log into the
/// engine, flushes it and checkpoints. Engine independent (any <see cref="IHistorian"/>). Thread-safe.
/// </summary>
/// <remarks>
/// A checkpoint may only cover records whose batch was queued to the engine before the engine's flush. Writers
/// register in one of two epochs for the span from log append to engine queue; a checkpoint takes the log's appended
/// position, switches the epoch, waits until the writers of the previous epoch have queued their batches (a few
/// fsyncs at most), flushes the engine and checkpoints at the position taken. Writers never wait for a checkpoint.
/// </remarks>
public sealed class DurableHistoryWriter : IAsyncDisposable
{
    private readonly IHistorian _engine;
    private readonly WriteAheadLog _log;
    private readonly ILogger _logger;
    private readonly int[] _inFlight = new int[2];
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly PeriodicTimer _timer;
    private Task _loop = Task.CompletedTask;
    private TaskCompletionSource? _drained;
    private int _epoch;
    private int _draining = -1;
    private int _disposed;

    private DurableHistoryWriter(IHistorian engine, WriteAheadLog log, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _engine = engine;
        _log = log;
        _logger = logger;
        _timer = new PeriodicTimer(interval, time);
    }

    /// <summary>The log behind this writer.</summary>
    public WriteAheadLog Log => _log;

    /// <summary>
    /// Opens the log in <see cref="WriteAheadLogOptions.Folder"/>, replays it into <paramref name="engine"/> (see
    /// <see cref="WriteAheadLog.OpenAsync"/>), flushes the engine, checkpoints, and starts the periodic checkpoints.
    /// Open the engine first: its series catalog must be in <paramref name="series"/> before the replay.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="IOException">The log cannot be read or written, or the engine could not store the replayed batches.</exception>
    public static async Task<DurableHistoryWriter> OpenAsync(
        IHistorian engine,
        WriteAheadLogOptions options,
        SeriesRegistry series,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        var log = await WriteAheadLog.OpenAsync(options, series, engine.WriteAsync, time, loggers.CreateLogger<WriteAheadLog>(), ct).ConfigureAwait(false);
        var writer = new DurableHistoryWriter(engine, log, options.CheckpointInterval, time, loggers.CreateLogger<DurableHistoryWriter>());
        try
        {
            await writer.CheckpointAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        writer._loop = Task.Run(writer.RunCheckpointsAsync, CancellationToken.None);
        return writer;
    }

    /// <summary>
    /// Appends the batch to the log, returning once it is on disk, then queues it to the engine. When this completes the
    /// batch survives a crash of the process (or of the machine, as far as fsync holds).
    /// </summary>
    /// <exception cref="IOException">The log could not write or sync.</exception>
    /// <exception cref="ObjectDisposedException">The writer, the log or the engine was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled; the batch may or may not be logged.</exception>
    public async ValueTask WriteAsync(SampleBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var epoch = Enter();
        try
        {
            await _log.AppendAsync(batch, ct).ConfigureAwait(false);
            await _engine.WriteAsync(batch, ct).ConfigureAwait(false);
        }
        finally
        {
            Exit(epoch);
        }
    }

    /// <summary>
    /// Flushes the engine (everything queued before the call is stored when this completes) and checkpoints the log.
    /// </summary>
    /// <exception cref="IOException">The engine could not store a batch (the log keeps it), or the checkpoint failed.</exception>
    public Task FlushAsync(CancellationToken ct) => CheckpointAsync(ct);

    /// <summary>Stops the periodic checkpoints and closes the log (the engine stays open: its owner disposes it). Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _timer.Dispose();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _log.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _checkpointGate.Dispose();
    }

    private int Enter()
    {
        while (true)
        {
            var epoch = Volatile.Read(ref _epoch);
            Interlocked.Increment(ref _inFlight[epoch]);
            if (Volatile.Read(ref _epoch) == epoch)
            {
                return epoch;
            }

            Exit(epoch);
        }
    }

    private void Exit(int epoch)
    {
        if (Interlocked.Decrement(ref _inFlight[epoch]) == 0 && Volatile.Read(ref _draining) == epoch)
        {
            Volatile.Read(ref _drained)?.TrySetResult();
        }
    }

    private async Task CheckpointAsync(CancellationToken ct)
    {
        await _checkpointGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var position = _log.AppendedPosition;
            var previous = Volatile.Read(ref _epoch);
            var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _drained, drained);
            Volatile.Write(ref _draining, previous);
            Interlocked.Exchange(ref _epoch, 1 - previous);
            if (Volatile.Read(ref _inFlight[previous]) != 0)
            {
                await drained.Task.WaitAsync(ct).ConfigureAwait(false);
            }

            Volatile.Write(ref _draining, -1);
            await _engine.FlushAsync(ct).ConfigureAwait(false);
            await _log.CheckpointAsync(position, ct).ConfigureAwait(false);
        }
        finally
        {
            _checkpointGate.Release();
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed checkpoint must not end the loop: the log keeps the records and the next round tries again.")]
    private async Task RunCheckpointsAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await CheckpointAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!_stopping.IsCancellationRequested)
                {
                    WalLog.CheckpointFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed.
        }
    }
}
