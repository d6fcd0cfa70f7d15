using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Nightshift.Core.Series;
using Nightshift.Historian.Retention;
using Nightshift.Historian.Rollups;

namespace Nightshift.Historian;

/// <summary>Retention: deleting raw samples and rollups older than their tag class keeps them.</summary>
public sealed partial class DuckDbHistorian : IRetentionTarget
{
    /// <summary>
    /// One retention pass: for every series, by the policy of its tag class, deletes raw samples older than
    /// <see cref="RetentionPolicy.Raw"/> and rollup rows older than <see cref="RetentionPolicy.Rollups"/> (ages measured
    /// from now on the historian's clock), in transactions of <see cref="RetentionOptions.SeriesPerTransaction"/> series
    /// each on a reader connection, so that ingest and queries go on meanwhile. Returns the number of rows deleted.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="DuckDBException">A delete failed (e.g. a conflict with a concurrent rollup update); what was deleted before stays deleted.</exception>
    /// <exception cref="ObjectDisposedException">The historian was disposed.</exception>
    public async Task<long> ApplyRetentionAsync(RetentionOptions options, Func<SeriesInfo, string?> classOf, CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return await RetentionWalk.ApplyAsync(_series, options, classOf, now, DeleteChunkAsync, ct).ConfigureAwait(false);

        async Task<long> DeleteChunkAsync(string tagClass, RetentionPolicy policy, int[] chunk, CancellationToken token) =>
            await DeleteOlderAsync(DuckDbSql.SamplesTable, "ts", chunk, RetentionWalk.Cutoff(now, policy.Raw), tagClass, token).ConfigureAwait(false)
            + await DeleteOlderAsync(RollupSql.MinuteTable, "bucket", chunk, RetentionWalk.Cutoff(now, policy.Rollups), tagClass, token).ConfigureAwait(false)
            + await DeleteOlderAsync(RollupSql.HourTable, "bucket", chunk, RetentionWalk.Cutoff(now, policy.Rollups), tagClass, token).ConfigureAwait(false);
    }

    private async Task<long> DeleteOlderAsync(string table, string column, int[] series, DateTime? cutoff, string tagClass, CancellationToken ct)
    {
        if (cutoff is not { } before)
        {
            return 0;
        }

        var list = new StringBuilder();
        foreach (var id in series)
        {
            list.Append(list.Length == 0 ? string.Empty : ",").Append(id.ToString(CultureInfo.InvariantCulture));
        }

        // The series ids are integers formatted here, never text from outside: no injection.
        var sql = $"DELETE FROM {table} WHERE series IN ({list}) AND {column} < $cutoff";
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        long count;
        var connection = _readers.Rent();
        try
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(new DuckDBParameter("cutoff", StorageTime.Floor(before)));
            count = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            transaction.Commit();
        }
        finally
        {
            _readers.Return(connection);
        }

        if (count > 0)
        {
            HistorianLog.RetentionDeleted(_logger, count, table, before, tagClass);
        }

        return count;
    }
}
