using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian;

/// <summary>The background writer: merges queued batches and appends them in one transaction per write.</summary>
public sealed partial class DuckDbHistorian
{
    private readonly List<SampleBatch> _pending = [];
    private readonly List<TaskCompletionSource> _flushWaiters = [];
    private int _failedSinceFlush;
    private Exception? _lastFailure;

    /// <summary>
    /// Runs until the queue is completed (dispose). Each round takes what is queued until it holds
    /// <see cref="DuckDbHistorianOptions.BatchSize"/> samples, the flush interval since its first batch has passed,
    /// or a flush marker arrives (a marker ends the round, so everything queued before it is written first).
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The writer logs whatever stops it and fails the waiting flushes instead of faulting a task nobody observes.")]
    private async Task RunWriterAsync()
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
                    while (points < _options.BatchSize && _flushWaiters.Count == 0 && reader.TryRead(out var item))
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

                    if (points >= _options.BatchSize || _flushWaiters.Count > 0)
                    {
                        break;
                    }

                    var remaining = _options.FlushInterval - _time.GetElapsedTime(started);
                    if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(reader, remaining).ConfigureAwait(false))
                    {
                        break;
                    }
                }

                if (_pending.Count > 0)
                {
                    Write(_pending);
                    _pending.Clear();
                }
                else
                {
                    WriteNewSeries();
                }

                CompleteFlushWaiters();
            }
        }
        catch (Exception ex)
        {
            // Write() handles every failure of a write, so this is a defect: stop taking batches rather than queue
            // them for nobody. Later WriteAsync and FlushAsync calls throw ObjectDisposedException.
            HistorianLog.WriterCrashed(_logger, ex);
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
    private async ValueTask<bool> WaitForMoreAsync(System.Threading.Channels.ChannelReader<WriteItem> reader, TimeSpan timeout)
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
                $"{_failedSinceFlush} batch(es) queued since the previous flush could not be written; see the log.",
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
    /// Writes merged batches in one transaction; when that fails, writes them one by one so that one bad batch
    /// loses only itself. A failure is logged and counted, and the writer goes on.
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The writer must survive any failure of one write; each is logged, counted and reported to the next flush.")]
    private void Write(List<SampleBatch> batches)
    {
        try
        {
            WriteTransaction(CollectionsMarshal.AsSpan(batches));
            return;
        }
        catch (Exception ex) when (batches.Count > 1)
        {
            HistorianLog.MergedWriteFailed(_logger, ex, batches.Count, batches.Sum(b => b.Count));
        }
        catch (Exception ex)
        {
            Fail(batches[0], ex);
            return;
        }

        foreach (var batch in batches)
        {
            try
            {
                WriteTransaction(new ReadOnlySpan<SampleBatch>(in batch));
            }
            catch (Exception ex)
            {
                Fail(batch, ex);
            }
        }
    }

    /// <summary>
    /// A round without samples (a flush, or the last round before closing) still persists the series registered
    /// since the last write, so that a flush also puts the catalog on disk.
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The writer must survive any failure of one write; it is logged, counted and reported to the next flush.")]
    private void WriteNewSeries()
    {
        if (_series.Since(_lastPersistedSeriesId).Count == 0)
        {
            return;
        }

        try
        {
            WriteTransaction([]);
        }
        catch (Exception ex)
        {
            HistorianLog.SeriesWriteFailed(_logger, ex);
            _metrics.WriteErrors.Add(1);
            _failedSinceFlush++;
            _lastFailure = ex;
        }
    }

    private void Fail(SampleBatch batch, Exception exception)
    {
        HistorianLog.WriteFailed(_logger, exception, batch.Count, batch.Tenant);
        _metrics.WriteErrors.Add(1);
        _failedSinceFlush++;
        _lastFailure = exception;
    }

    /// <summary>
    /// One transaction: the series registered since the last write, then the samples, appended grouped by series
    /// (a stable order: samples of one series keep their queue order, so the last written of a timestamp gets the
    /// highest rowid).
    /// </summary>
    private void WriteTransaction(ReadOnlySpan<SampleBatch> batches)
    {
        var total = 0;
        foreach (var batch in batches)
        {
            total += batch.Count;
        }

        var newSeries = _series.Since(_lastPersistedSeriesId);
        var samples = ArrayPool<Sample>.Shared.Rent(total);
        var order = ArrayPool<ulong>.Shared.Rent(total);
        try
        {
            var count = 0;
            foreach (var batch in batches)
            {
                var list = batch.Samples;
                for (var i = 0; i < list.Count && count < total; i++)
                {
                    var sample = list[i];
                    samples[count] = sample;
                    order[count] = ((ulong)(uint)sample.Series.Value << 32) | (uint)count;
                    count++;
                }
            }

            Array.Sort(order, 0, count);

            using (var transaction = _writer.BeginTransaction())
            {
                PersistSeries(newSeries);
                if (count > 0)
                {
                    using var appender = _writer.CreateAppender(DuckDbSql.SamplesTable);
                    for (var i = 0; i < count; i++)
                    {
                        AppendRow(appender, in samples[(int)(order[i] & 0xFFFF_FFFF)]);
                    }
                }

                transaction.Commit();
            }

            if (newSeries.Count > 0)
            {
                _lastPersistedSeriesId = newSeries[^1].Id.Value;
            }

            if (count > 0)
            {
                _metrics.PointsWritten.Add(count);
                _metrics.BatchSize.Record(count);
            }
        }
        finally
        {
            ArrayPool<Sample>.Shared.Return(samples, clearArray: true);
            ArrayPool<ulong>.Shared.Return(order);
        }
    }

    private void PersistSeries(IReadOnlyList<SeriesInfo> series)
    {
        if (series.Count == 0)
        {
            return;
        }

        using var command = _writer.CreateCommand();
        command.CommandText = DuckDbSql.InsertSeries;
        var id = new DuckDBParameter("id", 0);
        var tenant = new DuckDBParameter("tenant", string.Empty);
        var path = new DuckDBParameter("path", string.Empty);
        command.Parameters.Add(id);
        command.Parameters.Add(tenant);
        command.Parameters.Add(path);
        foreach (var info in series)
        {
            id.Value = info.Id.Value;
            tenant.Value = info.Tenant;
            path.Value = info.Path.ToString();
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// One row: numbers (double, long, bool as 0/1) in <c>value</c>, strings in <c>text</c>, neither for a
    /// quality-only sample. Typed locals pick the appender overload of the column's type.
    /// </summary>
    private static void AppendRow(DuckDBAppender appender, in Sample sample)
    {
        int series = sample.Series.Value;
        var timestamp = StorageTime.Floor(sample.Timestamp);
        uint quality = sample.Quality.Code;
        var kind = (byte)sample.Value.Kind;
        var row = appender.CreateRow().AppendValue(series).AppendValue(timestamp);
        switch (sample.Value.Kind)
        {
            case ValueKind.Double or ValueKind.Long or ValueKind.Bool:
                double value = sample.Value.AsDouble();
                row.AppendValue(value).AppendNullValue();
                break;
            case ValueKind.String:
                row.AppendNullValue().AppendValue(sample.Value.AsString());
                break;
            default:
                row.AppendNullValue().AppendNullValue();
                break;
        }

        row.AppendValue(quality).AppendValue(kind).EndRow();
    }
}
