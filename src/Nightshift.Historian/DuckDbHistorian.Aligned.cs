using DuckDB.NET.Data;
using Nightshift.Core.Series;
using Nightshift.Historian.Reading;

namespace Nightshift.Historian;

/// <summary>Several series on one time axis.</summary>
public sealed partial class DuckDbHistorian
{
    /// <inheritdoc />
    /// <remarks>One query per series (an ASOF join for <see cref="AlignMode.Previous"/>, a GROUP BY for <see cref="AlignMode.Average"/>).</remarks>
    public async Task<AlignedSeries> ReadAlignedAsync(IReadOnlyList<SeriesId> series, DateTime fromUtc, DateTime toUtc, TimeSpan interval, AlignMode mode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(series);
        var times = HistoryReads.AlignedTimes(fromUtc, toUtc, interval, mode, out var from, out var stepMicros);
        var values = new List<double?[]>(series.Count);
        foreach (var id in series)
        {
            var row = new double?[times.Count];
            values.Add(row);
            if (times.Count == 0)
            {
                continue;
            }

            var to = StorageTime.Ceiling(toUtc);
            await QueryAsync(
                mode == AlignMode.Previous ? DuckDbSql.ReadAlignedPrevious : DuckDbSql.ReadAlignedAverage,
                command =>
                {
                    AddRange(command, id, from, to);
                    command.Parameters.Add(new DuckDBParameter("from_us", StorageTime.ToEpochMicroseconds(from)));
                    command.Parameters.Add(new DuckDBParameter("step_us", stepMicros));
                },
                async (reader, token) =>
                {
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        var index = reader.GetInt64(0);
                        if (index >= 0 && index < row.Length && !reader.IsDBNull(1))
                        {
                            row[index] = reader.GetDouble(1);
                        }
                    }

                    return true;
                },
                ct).ConfigureAwait(false);
        }

        return new AlignedSeries(times, values);
    }
}
