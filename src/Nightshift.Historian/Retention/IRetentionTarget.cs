using Nightshift.Core.Series;

namespace Nightshift.Historian.Retention;

/// <summary>An engine that deletes history past its retention, per tag class (both the DuckDB and the PostgreSQL engine).</summary>
public interface IRetentionTarget
{
    /// <summary>
    /// Deletes raw samples and rollups older than the policy of each series' class (<paramref name="classOf"/>), in small
    /// transactions that do not block ingest or queries; returns the rows deleted.
    /// </summary>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    Task<long> ApplyRetentionAsync(RetentionOptions options, Func<SeriesInfo, string?> classOf, CancellationToken ct);
}
