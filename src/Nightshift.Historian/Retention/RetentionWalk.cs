using Nightshift.Core.Series;

namespace Nightshift.Historian.Retention;

/// <summary>
/// The walk over the series that both history engines' retention passes share: the series grouped by tag class, and
/// the cut-off of an age. Stateless and thread-safe.
/// </summary>
internal static class RetentionWalk
{
    /// <summary>
    /// One retention pass: checks the arguments, then calls <paramref name="deleteChunk"/> with each tag class, its
    /// policy, up to <see cref="RetentionOptions.SeriesPerTransaction"/> of its series ids and the time of the pass
    /// (<paramref name="now"/>), and returns the sum of the rows it deleted.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled (checked before each chunk).</exception>
    public static async Task<long> ApplyAsync(
        SeriesRegistry series,
        RetentionOptions options,
        Func<SeriesInfo, string?> classOf,
        DateTime now,
        Func<string, RetentionPolicy, int[], CancellationToken, Task<long>> deleteChunk,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(classOf);
        options.Validate();
        long deleted = 0;
        foreach (var (tagClass, ids) in ByClass(series, classOf))
        {
            var policy = options.PolicyFor(tagClass);
            foreach (var chunk in ids.Chunk(options.SeriesPerTransaction))
            {
                ct.ThrowIfCancellationRequested();
                deleted += await deleteChunk(tagClass, policy, chunk, ct).ConfigureAwait(false);
            }
        }

        return deleted;
    }

    /// <summary>
    /// The ids of every series of <paramref name="series"/> grouped by tag class (<paramref name="classOf"/>; null is
    /// <see cref="RetentionOptions.DefaultClass"/>), each group in registration order.
    /// </summary>
    private static Dictionary<string, List<int>> ByClass(SeriesRegistry series, Func<SeriesInfo, string?> classOf)
    {
        var byClass = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var info in series.Since(0))
        {
            var tagClass = classOf(info) ?? RetentionOptions.DefaultClass;
            if (!byClass.TryGetValue(tagClass, out var ids))
            {
                byClass[tagClass] = ids = [];
            }

            ids.Add(info.Id.Value);
        }

        return byClass;
    }

    /// <summary>The time before which rows go, or null (keep all) when the age is unset or reaches back before year 1.</summary>
    public static DateTime? Cutoff(DateTime now, TimeSpan? age) =>
        age is { } keep && keep < now - DateTime.MinValue ? now - keep : null;
}
