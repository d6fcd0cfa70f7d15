using System.Text;
using Nightshift.Core.Assets;
using Nightshift.Core.Series;

namespace Nightshift.Core.Ingest;

/// <summary>
/// Turns what connectors decoded (source address, metric name) into series of the asset model
/// (equipment path, tag, <see cref="SeriesId"/>). A source bound in the plant file maps to its equipment;
/// an unknown source is discovered under a path made of its address segments (see <see cref="DiscoveredPath"/>).
/// Thread-safe.
/// </summary>
public sealed class Normalizer
{
    private readonly Func<string, PlantModel?> _plants;
    private readonly SeriesRegistry _series;

    /// <param name="plants">The plant model of a tenant, or null when the tenant has none.</param>
    /// <param name="series">The series registry shared with the historian.</param>
    public Normalizer(Func<string, PlantModel?> plants, SeriesRegistry series)
    {
        _plants = plants;
        _series = series;
    }

    /// <summary>The equipment a source feeds.</summary>
    public AssetPath ResolveEquipment(string tenant, string source) =>
        _plants(tenant)?.FindBySource(source)?.Path ?? DiscoveredPath(source);

    /// <summary>
    /// The path of equipment discovered from an unbound source: the address without its protocol prefix,
    /// each segment reduced to the characters a path allows. <c>spBv1.0/Lab/edge 1/pump</c> becomes <c>Lab/edge-1/pump</c>.
    /// </summary>
    public static AssetPath DiscoveredPath(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parts = source.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = parts.Length > 1 ? parts.Skip(1) : parts;
        var path = AssetPath.Root;
        foreach (var segment in segments.Take(AssetPath.MaxDepth))
        {
            path = path.Append(Sanitize(segment));
        }

        return path.Depth == 0 ? AssetPath.Root.Append("unnamed") : path;
    }

    public EquipmentBatch Normalize(SourceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var equipment = ResolveEquipment(batch.Tenant, batch.Source);
        var samples = new TagSample[batch.Points.Count];
        for (var i = 0; i < samples.Length; i++)
        {
            var point = batch.Points[i];
            var series = _series.GetOrAdd(batch.Tenant, new TagPath(equipment, point.Name));
            samples[i] = new TagSample(point.Name, new(series.Id, point.Timestamp, point.Value, point.Quality));
        }

        return new EquipmentBatch(batch.Tenant, equipment, samples);
    }

    private static string Sanitize(string segment)
    {
        var builder = new StringBuilder(Math.Min(segment.Length, AssetPath.MaxSegmentLength));
        foreach (var c in segment)
        {
            if (builder.Length == AssetPath.MaxSegmentLength)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
