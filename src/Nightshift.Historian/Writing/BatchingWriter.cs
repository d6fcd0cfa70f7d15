using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Nightshift.Core.Samples;

namespace Nightshift.Historian.Writing;

/// <summary>
/// The queue and background writer both history engines share: <see cref="EnqueueAsync"/> only queues (waiting while
/// <c>channelCapacity</c> items are queued); one background task merges queued batches into rounds of up to
/// <c>batchSize</c> samples or <c>flushInterval</c> since a round's first batch, and hands each round to the engine's
/// <see cref="IBatchWriteTarget.WriteAsync"/>. A failed merged write is retried batch by batch, so that one bad batch
/// loses only itself; every lost batch is logged, counted on <c>nightshift.history.write_errors</c> and reported to the
/// next flush. Thread-safe for any number of producers.
/// </summary>
internal sealed class BatchingWriter
{
    private readonly IBatchWriteTarget _target;
    private readonly int _batchSize;
    private readonly TimeSpan _flushInterval;
    private readonly TimeProvider _time;
    private readonly HistorianMetrics _metrics;
    private readonly string _ownerName;
    private readonly Channel<WriteItem> _queue;
    private readonly List<SampleBatch> _pending = [];
    private readonly List<TaskCompletionSource> _flushWaiters = [];
    private int _failedSinceFlush;
    private Exception? _lastFailure;

    /// <summary>Creates the queue and starts the writer; <paramref name="target"/> must be ready to write.</summary>
    /// <param name="target">The engine that writes a round.</param>
    /// <param name="batchSize">The samples after which a round is written at once.</param>
    /// <param name="flushInterval">The longest a round waits for more batches after its first.</param>
    /// <param name="channelCapacity">The items queued before <see cref="EnqueueAsync"/> waits.</param>
    /// <param name="time">The clock of the flush interval.</param>
    /// <param name="metrics">Where write errors are counted.</param>
    /// <param name="ownerName">The engine's type name, for <see cref="ObjectDisposedException"/>.</param>
    public BatchingWriter(
        IBatchWriteTarget target,
        int batchSize,
        TimeSpan flushInterval,
        int channelCapacity,
        TimeProvider time,
        HistorianMetrics metrics,
        string ownerName)
    {
        _target = target;
        _batchSize = batchSize;
        _flushInterval = flushInterval;
        _time = time;
        _metrics = metrics;
        _ownerName = ownerName;
        _queue = Channel.CreateBounded<WriteItem>(new BoundedChannelOptions(channelCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Completion = Task.Run(RunAsync);
    }

    /// <summary>The writer task: completes once <see cref="Complete"/> was called and everything queued is written.</summary>
    public Task Completion { get; }

    /// <summary>Queues a batch (an empty one is ignored).</summary>
    /// <exception cref="ObjectDisposedException">The writer was completed.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled while the queue was full.</exception>
    public ValueTask EnqueueAsync(SampleBatch batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var item = new WriteItem(batch, null);
        return _queue.Writer.TryWrite(item) ? ValueTask.CompletedTask : EnqueueItemAsync(item, ct);
    }

    /// <summary>Completes once everything queued before the call is written.</summary>
    /// <exception cref="IOException">A batch queued since the previous flush could not be written (logged and counted).</exception>
    /// <exception cref="ObjectDisposedException">The writer was completed.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task FlushAsync(CancellationToken ct)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await EnqueueItemAsync(new WriteItem(null, flushed), ct).ConfigureAwait(false);
        await flushed.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Takes no more items; the writer writes what is queued and ends <see cref="Completion"/>.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private async ValueTask EnqueueItemAsync(WriteItem item, CancellationToken ct)
    {
        try
        {
            await _queue.Writer.WriteAsync(item, ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new ObjectDisposedException(_ownerName, ex);
        }
    }

    /// <summary>
    /// Runs until the queue is completed. Each round takes what is queued until it holds the batch size in samples, the
    /// flush interval since its first batch has passed, or a flush marker arrives (a marker ends the round, so
    /// everything queued before it is written first).
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The writer logs whatever stops it and fails the waiting flushes instead of faulting a task nobody observes.")]
    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var points = 0;
                var started = _time.GetTimestamp();
                while (true)
                {
                    while (points < _batchSize && _flushWaiters.Count == 0 && reader.TryRead(out var item))
                    {
                        if (item.Flushed is { } flushed)
                        {
                            _flushWaiters.Add(flushed);
                        }
                        else if (item.Batch is { } batch)
                        {
                            _pending.Add(batch);
                            points += batch.Count;
                        }
                    }

                    if (points >= _batchSize || _flushWaiters.Count > 0)
                    {
                        break;
                    }

                    var remaining = _flushInterval - _time.GetElapsedTime(started);
                    if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(reader, remaining).ConfigureAwait(false))
                    {
                        break;
                    }
                }

                if (_pending.Count > 0)
                {
                    await WriteRoundAsync(_pending).ConfigureAwait(false);
                    _pending.Clear();
                }
                else
                {
                    await WriteNewSeriesAsync().ConfigureAwait(false);
                }

                CompleteFlushWaiters();
            }
        }
        catch (Exception ex)
        {
            // WriteRoundAsync handles every failure of a write, so this is a defect: stop taking batches rather than
            // queue them for nobody. Later WriteAsync and FlushAsync calls throw ObjectDisposedException.
            _target.LogWriterCrashed(ex);
            _queue.Writer.TryComplete(ex);
            _failedSinceFlush++;
            _lastFailure = ex;
        }
        finally
        {
            while (reader.TryRead(out var left))
            {
                if (left.Flushed is { } flushed)
                {
                    _flushWaiters.Add(flushed);
                }
                else
                {
                    _failedSinceFlush++;
                }
            }

            CompleteFlushWaiters();
        }
    }

    /// <summary>True when more is queued, false when the time is up or the queue was completed.</summary>
    private async ValueTask<bool> WaitForMoreAsync(ChannelReader<WriteItem> reader, TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout, _time);
        try
        {
            return await reader.WaitToReadAsync(expiry.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested)
        {
            return false;
        }
    }

    private void CompleteFlushWaiters()
    {
        if (_flushWaiters.Count == 0)
        {
            return;
        }

        if (_failedSinceFlush > 0)
        {
            var failure = new IOException(
                $"{_failedSinceFlush} batch(es) queued since the previous flush could not be written{_target.FailureDestination}; see the log.",
                _lastFailure);
            foreach (var waiter in _flushWaiters)
            {
                waiter.TrySetException(failure);
            }
        }
        else
        {
            foreach (var waiter in _flushWaiters)
            {
                waiter.TrySetResult();
            }
        }

        _failedSinceFlush = 0;
        _lastFailure = null;
        _flushWaiters.Clear();
    }

    /// <summary>
    /// Writes merged batches in one transaction; when that fails, writes them one by one so that one bad batch loses
    /// only itself (unless the target says the failure loses the whole round). A failure is logged and counted, and the
    /// writer goes on.
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The writer must survive any failure of one write; each is logged, counted and reported to the next flush.")]
    private async Task WriteRoundAsync(List<SampleBatch> batches)
    {
        try
        {
            await _target.WriteAsync(batches).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (batches.Count > 1 && !_target.LosesRound(ex))
        {
            _target.LogMergedWriteFailed(ex, batches.Count, batches.Sum(b => b.Count));
        }
        catch (Exception ex)
        {
            foreach (var batch in batches)
            {
                Fail(batch, ex);
            }

            return;
        }

        foreach (var batch in batches)
        {
            try
            {
                SampleBatch[] one = [batch];
                await _target.WriteAsync(one).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Fail(batch, ex);
            }
        }
    }

    /// <summary>
    /// A round without samples (a flush, or the last round before closing) still persists the series registered
    /// since the last write, so that a flush also puts the catalog into storage.
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The writer must survive any failure of one write; it is logged, counted and reported to the next flush.")]
    private async Task WriteNewSeriesAsync()
    {
        if (!_target.HasNewSeries)
        {
            return;
        }

        try
        {
            await _target.WriteAsync([]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _target.LogSeriesWriteFailed(ex);
            _metrics.WriteErrors.Add(1);
            _failedSinceFlush++;
            _lastFailure = ex;
        }
    }

    private void Fail(SampleBatch batch, Exception exception)
    {
        _target.LogWriteFailed(exception, batch.Count, batch.Tenant);
        _metrics.WriteErrors.Add(1);
        _failedSinceFlush++;
        _lastFailure = exception;
    }
}
