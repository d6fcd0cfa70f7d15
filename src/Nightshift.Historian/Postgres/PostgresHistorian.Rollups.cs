using Nightshift.Core.Series;
using Nightshift.Historian.Reading;
using Nightshift.Historian.Rollups;
using Npgsql;

namespace Nightshift.Historian.Postgres;

/// <summary>Rollup buckets and aligned series, computed in SQL at query time.</summary>
public sealed partial class PostgresHistorian
{
    /// <inheritdoc />
    /// <remarks>
    /// Computed at query time: rows per UTC minute (minute buckets, and local days in zones whose day edges are not whole
    /// UTC hours) or per UTC hour (hour buckets and other local days) are aggregated from raw in SQL, exactly as the
    /// embedded engine stores its rollup rows, and composed into the buckets by the same code
    /// (<see cref="RollupComposer"/>), with the last numeric sample before the range as the value held into it.
    /// </remarks>
    public async Task<IReadOnlyList<RollupBucket>> ReadRollupAsync(SeriesId series, DateTime fromUtc, DateTime toUtc, RollupInterval interval, TimeZoneInfo zone, CancellationToken ct)
    {
        if (!RollupEdges.TryPlan(fromUtc, toUtc, interval, zone, out var edges, out var width))
        {
            return [];
        }

        var before = await QueryAsync(
            _sql.ReadNumericBefore,
            parameters =>
            {
                parameters.Add(new NpgsqlParameter<int> { TypedValue = series.Value });
                parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = edges[0] });
            },
            async (reader, token) => await reader.ReadAsync(token).ConfigureAwait(false)
                ? HeldRow(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(0), DateTimeKind.Utc), reader.GetDouble(1))
                : (RollupRow?)null,
            ct).ConfigureAwait(false);
        var widthSpan = TimeSpan.FromTicks(width);
        var rows = await QueryAsync(
            _sql.ReadRollupRows,
            parameters =>
            {
                AddRange(parameters, series, edges[0], edges[^1]);
                parameters.Add(new NpgsqlParameter<long> { TypedValue = width / TimeSpan.TicksPerMicrosecond });
            },
            async (reader, token) =>
            {
                var result = new List<RollupRow>();
                if (before is { } held)
                {
                    result.Add(held);
                }

                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    var start = StorageTime.FromEpochMicroseconds(reader.GetInt64(0));
                    result.Add(new RollupRow(
                        start,
                        start + widthSpan,
                        reader.GetDouble(1),
                        reader.GetDouble(2),
                        reader.GetDouble(3),
                        reader.GetInt64(4),
                        reader.GetDouble(5),
                        DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(6), DateTimeKind.Utc),
                        reader.GetDouble(7),
                        DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(8), DateTimeKind.Utc),
                        reader.GetDouble(9),
                        reader.GetDouble(10)));
                }

                return result;
            },
            ct).ConfigureAwait(false);
        return RollupComposer.Compose(rows, edges);
    }

    /// <inheritdoc />
    /// <remarks>One query for all the series: sample and hold through the step at which each sample takes effect, or a GROUP BY step for averages.</remarks>
    public async Task<AlignedSeries> ReadAlignedAsync(IReadOnlyList<SeriesId> series, DateTime fromUtc, DateTime toUtc, TimeSpan interval, AlignMode mode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(series);
        var times = HistoryReads.AlignedTimes(fromUtc, toUtc, interval, mode, out var from, out var stepMicros);
        var values = new List<double?[]>(series.Count);
        var ids = new int[series.Count];
        var positions = new Dictionary<int, List<int>>(series.Count);
        for (var i = 0; i < series.Count; i++)
        {
            values.Add(new double?[times.Count]);
            ids[i] = series[i].Value;
            if (!positions.TryGetValue(ids[i], out var at))
            {
                positions[ids[i]] = at = [];
            }

            at.Add(i);
        }

        if (times.Count == 0 || series.Count == 0)
        {
            return new AlignedSeries(times, values);
        }

        var to = StorageTime.Ceiling(toUtc);
        var previous = mode == AlignMode.Previous;

        // Sample and hold: a row says which value takes effect at a step (null included); steps without one hold on.
        var takesEffect = previous ? new bool[series.Count][] : [];
        for (var i = 0; i < takesEffect.Length; i++)
        {
            takesEffect[i] = new bool[times.Count];
        }

        await QueryAsync(
            previous ? _sql.ReadAlignedPrevious : _sql.ReadAlignedAverage,
            parameters =>
            {
                parameters.Add(new NpgsqlParameter<int[]> { TypedValue = ids });
                parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = from });
                parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = to });
                parameters.Add(new NpgsqlParameter<long> { TypedValue = StorageTime.ToEpochMicroseconds(from) });
                parameters.Add(new NpgsqlParameter<long> { TypedValue = stepMicros });
            },
            async (reader, token) =>
            {
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    var index = reader.GetInt64(1);
                    if (index < 0 || index >= times.Count || !positions.TryGetValue(reader.GetInt32(0), out var at))
                    {
                        continue;
                    }

                    double? value = reader.IsDBNull(2) ? null : reader.GetDouble(2);
                    foreach (var i in at)
                    {
                        values[i][index] = value;
                        if (previous)
                        {
                            takesEffect[i][index] = true;
                        }
                    }
                }

                return true;
            },
            ct).ConfigureAwait(false);

        for (var i = 0; i < takesEffect.Length; i++)
        {
            var row = values[i];
            for (var step = 1; step < row.Length; step++)
            {
                if (!takesEffect[i][step])
                {
                    row[step] = row[step - 1];
                }
            }
        }

        return new AlignedSeries(times, values);
    }

    /// <summary>The value held into the first bucket, as a row before it (only its last value and end are used).</summary>
    private static RollupRow HeldRow(DateTime time, double value) =>
        new(time, time, value, value, value, 1, value, time, value, time, 0, 0);
}
