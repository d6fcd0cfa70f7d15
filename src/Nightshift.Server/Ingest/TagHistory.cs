using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian;

namespace Nightshift.Server.Ingest;

/// <summary>History of tags by path, scoped to a tenant. Thread-safe.</summary>
public sealed class TagHistory
{
    private readonly SeriesRegistry _series;
    private readonly IHistorian _historian;

    public TagHistory(SeriesRegistry series, IHistorian historian)
    {
        _series = series;
        _historian = historian;
    }

    public SeriesInfo? Find(string tenant, TagPath tag) => _series.TryGet(tenant, tag, out var info) ? info : null;

    /// <summary>At most <paramref name="maxPoints"/> samples of a tag for a trend, extremes kept; empty for an unknown tag.</summary>
    public async Task<IReadOnlyList<Sample>> TrendAsync(string tenant, TagPath tag, DateTime fromUtc, DateTime toUtc, int maxPoints, CancellationToken cancellationToken)
    {
        var info = Find(tenant, tag);
        return info is null ? [] : await _historian.ReadDecimatedAsync(info.Id, fromUtc, toUtc, maxPoints, cancellationToken);
    }
}
