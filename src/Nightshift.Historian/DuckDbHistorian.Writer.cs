using System.Buffers;
using DuckDB.NET.Data;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian.Writing;

namespace Nightshift.Historian;

/// <summary>The write of one round of the shared <see cref="BatchingWriter"/>: the batches appended in one transaction.</summary>
public sealed partial class DuckDbHistorian
{
    private readonly HashSet<(int Series, long Minute)> _dirtyMinutes = [];

    /// <inheritdoc />
    string IBatchWriteTarget.FailureDestination => string.Empty;

    /// <inheritdoc />
    bool IBatchWriteTarget.HasNewSeries => _series.Since(_lastPersistedSeriesId).Count > 0;

    /// <inheritdoc />
    ValueTask IBatchWriteTarget.WriteAsync(IReadOnlyList<SampleBatch> batches)
    {
        // DuckDB writes synchronously on the writer's own task.
        WriteTransaction(batches);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    bool IBatchWriteTarget.LosesRound(Exception exception) => false;

    /// <inheritdoc />
    void IBatchWriteTarget.LogMergedWriteFailed(Exception exception, int batchCount, int pointCount) =>
        HistorianLog.MergedWriteFailed(_logger, exception, batchCount, pointCount);

    /// <inheritdoc />
    void IBatchWriteTarget.LogWriteFailed(Exception exception, int pointCount, string tenant) =>
        HistorianLog.WriteFailed(_logger, exception, pointCount, tenant);

    /// <inheritdoc />
    void IBatchWriteTarget.LogSeriesWriteFailed(Exception exception) => HistorianLog.SeriesWriteFailed(_logger, exception);

    /// <inheritdoc />
    void IBatchWriteTarget.LogWriterCrashed(Exception exception) => HistorianLog.WriterCrashed(_logger, exception);

    /// <summary>
    /// One transaction: the series registered since the last write, then the samples, appended grouped by series
    /// (a stable order: samples of one series keep their queue order, so the last written of a timestamp gets the
    /// highest rowid).
    /// </summary>
    private void WriteTransaction(IReadOnlyList<SampleBatch> batches)
    {
        var total = 0;
        for (var b = 0; b < batches.Count; b++)
        {
            total += batches[b].Count;
        }

        var newSeries = _series.Since(_lastPersistedSeriesId);
        var samples = ArrayPool<Sample>.Shared.Rent(total);
        var order = ArrayPool<ulong>.Shared.Rent(total);
        try
        {
            var count = 0;
            for (var b = 0; b < batches.Count; b++)
            {
                var list = batches[b].Samples;
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
                    using (var appender = _writer.CreateAppender(DuckDbSql.SamplesTable))
                    {
                        for (var i = 0; i < count; i++)
                        {
                            AppendRow(appender, in samples[(int)(order[i] & 0xFFFF_FFFF)]);
                        }
                    }

                    MarkDirtyMinutes(samples.AsSpan(0, count));
                }

                transaction.Commit();
            }

            if (count > 0)
            {
                _rollups.Nudge();
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

    /// <summary>
    /// Records the (series, minute) pairs the samples touch in <c>rollup_dirty</c>, in the transaction of the samples,
    /// so that the rollup maintainer recomputes exactly those minutes, also after a crash.
    /// </summary>
    private void MarkDirtyMinutes(ReadOnlySpan<Sample> samples)
    {
        _dirtyMinutes.Clear();
        var previous = (Series: 0, Minute: long.MinValue);
        foreach (ref readonly var sample in samples)
        {
            var key = (sample.Series.Value, StorageTime.Floor(sample.Timestamp).Ticks / TimeSpan.TicksPerMinute);
            if (key != previous)
            {
                _dirtyMinutes.Add(key);
                previous = key;
            }
        }

        using var appender = _writer.CreateAppender(Rollups.RollupSql.DirtyTable);
        foreach (var (series, minute) in _dirtyMinutes)
        {
            appender.CreateRow().AppendValue(series).AppendValue(new DateTime(minute * TimeSpan.TicksPerMinute, DateTimeKind.Utc)).EndRow();
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
