using System.Text;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.LineProtocol;

/// <summary>
/// Maps line protocol points to the ingest pipeline. A point's source address is
/// <c>lp/{measurement}/{tag values, ordered by tag key}</c>, each segment with '/' replaced by '-'; so
/// <c>cpu,region=eu,host=web1 usage_idle=3</c> comes from <c>lp/cpu/web1/eu</c> (host sorts before region) and,
/// unless a plant file binds that source, feeds the discovered equipment <c>cpu/web1/eu</c>
/// (<see cref="Normalizer.DiscoveredPath"/> sanitizes the segments). Each field becomes a tag named by its key, with
/// the point's timestamp and good quality. Pure and thread-safe.
/// </summary>
public static class LineProtocolMapping
{
    public const string SourcePrefix = "lp/";

    /// <summary>The source address of a point.</summary>
    public static string SourceOf(LineProtocolPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var builder = new StringBuilder(SourcePrefix, 64);
        AppendSegment(builder, point.Measurement);
        foreach (var tag in point.Tags)
        {
            builder.Append('/');
            AppendSegment(builder, tag.Value);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Groups points by source, in the order each source first appears, into one batch per source; the fields of a
    /// source keep their order.
    /// </summary>
    public static IReadOnlyList<SourceBatch> ToSourceBatches(string tenant, IReadOnlyList<LineProtocolPoint> points)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(points);
        var order = new List<(string Source, List<SourcePoint> Points)>();
        var bySource = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            var source = SourceOf(point);
            if (!bySource.TryGetValue(source, out var index))
            {
                index = order.Count;
                bySource[source] = index;
                order.Add((source, new List<SourcePoint>(point.Fields.Count)));
            }

            var list = order[index].Points;
            foreach (var field in point.Fields)
            {
                list.Add(new SourcePoint(field.Key, point.Timestamp, field.Value, Quality.Good));
            }
        }

        return order.ConvertAll(g => new SourceBatch(tenant, g.Source, g.Points));
    }

    private static void AppendSegment(StringBuilder builder, string segment)
    {
        foreach (var c in segment)
        {
            builder.Append(c == '/' ? '-' : c);
        }
    }
}
