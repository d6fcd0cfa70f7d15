using Nightshift.Core.Series;
using Nightshift.Historian.Reading;
using Nightshift.Historian.Retention;
using Npgsql;

namespace Nightshift.Historian.Postgres;

/// <summary>Retention: deleting raw samples older than their tag class keeps them.</summary>
public sealed partial class PostgresHistorian : IRetentionTarget
{
    /// <summary>
    /// One retention pass, with the semantics of <see cref="DuckDbHistorian.ApplyRetentionAsync"/>: for every series, by
    /// the policy of its tag class, deletes raw samples older than <see cref="RetentionPolicy.Raw"/> (ages measured from
    /// now on the historian's clock), in transactions of <see cref="RetentionOptions.SeriesPerTransaction"/> series each,
    /// so that ingest and queries go on meanwhile. Rollups are computed from raw at query time in this engine, so
    /// <see cref="RetentionPolicy.Rollups"/> has nothing to delete: the rollups of a deleted range go with it. Returns
    /// the number of rows deleted.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="NpgsqlException">A delete failed; what was deleted before stays deleted.</exception>
    /// <exception cref="ObjectDisposedException">The historian was disposed.</exception>
    public async Task<long> ApplyRetentionAsync(RetentionOptions options, Func<SeriesInfo, string?> classOf, CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return await RetentionWalk.ApplyAsync(_series, options, classOf, now, DeleteChunkAsync, ct).ConfigureAwait(false);

        async Task<long> DeleteChunkAsync(string tagClass, RetentionPolicy policy, int[] chunk, CancellationToken token)
        {
            if (RetentionWalk.Cutoff(now, policy.Raw) is not { } before)
            {
                return 0;
            }

            var cutoff = StorageTime.Floor(before);
            var count = await QueryAsync(
                _sql.DeleteOlder,
                parameters =>
                {
                    parameters.Add(new NpgsqlParameter<int[]> { TypedValue = chunk });
                    parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = cutoff });
                },
                HistoryReads.ReadCountAsync,
                token).ConfigureAwait(false);
            if (count > 0)
            {
                PostgresHistorianLog.RetentionDeleted(_logger, count, cutoff, tagClass);
            }

            return count;
        }
    }
}
