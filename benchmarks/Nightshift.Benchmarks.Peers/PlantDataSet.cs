using Nightshift.Core.Assets;
using Nightshift.Simulator.Model;

namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// The benchmark's data: <see cref="Tags"/> numeric tags of the virtual plant × <see cref="PointsPerTag"/> points, one per
/// second from <see cref="StartUtc"/>. Made by stepping <see cref="VirtualPlant"/> (one plant per
/// <c>numeric metrics of a plant</c> tags, seeds <c>seed, seed + 1, …</c>) and sampling every numeric metric of every
/// device after each simulated second; deterministic by seed. Values are held column-wise, one array per tag.
/// Not thread-safe while generating; read-only afterwards.
/// </summary>
public sealed class PlantDataSet
{
    /// <summary>The first timestamp: Monday 5 January 2026, 00:00 UTC.</summary>
    public static readonly DateTime DefaultStartUtc = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    private PlantDataSet(DateTime startUtc, int pointsPerTag, IReadOnlyList<TagPath> paths, IReadOnlyList<double[]> values)
    {
        StartUtc = startUtc;
        PointsPerTag = pointsPerTag;
        Paths = paths;
        Values = values;
    }

    /// <summary>The timestamp of point 0 (UTC); point i is at <c>StartUtc + i s</c>.</summary>
    public DateTime StartUtc { get; }

    /// <summary>Points per tag.</summary>
    public int PointsPerTag { get; }

    /// <summary>The number of tags.</summary>
    public int Tags => Paths.Count;

    /// <summary>The total number of points.</summary>
    public long TotalPoints => (long)Tags * PointsPerTag;

    /// <summary>The Nightshift tag path of each tag (<c>plant-k/edge-node/device.metric</c>).</summary>
    public IReadOnlyList<TagPath> Paths { get; }

    /// <summary>The values of each tag, in time order.</summary>
    public IReadOnlyList<double[]> Values { get; }

    /// <summary>The end of the data, exclusive (UTC).</summary>
    public DateTime EndUtc => StartUtc.AddSeconds(PointsPerTag);

    /// <summary>The compact key the peers store a tag under (<c>t00042</c>).</summary>
    public static string Key(int tag) => "t" + tag.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Steps the virtual plant and samples its numeric metrics.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    public static PlantDataSet Generate(int tags, int pointsPerTag, int seed, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tags);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointsPerTag);
        var paths = new List<TagPath>(tags);
        var values = new List<double[]>(tags);
        for (var plantIndex = 0; paths.Count < tags; plantIndex++)
        {
            var plant = new VirtualPlant(seed + plantIndex, DefaultStartUtc);
            var columns = new List<(SimulatedDevice Device, int Metric, double[] Values)>();
            foreach (var node in plant.EdgeNodes)
            {
                foreach (var device in node.Devices)
                {
                    for (var m = 0; m < device.Metrics.Count && paths.Count < tags; m++)
                    {
                        if (device.Metrics[m].DataType == TagDataType.String)
                        {
                            continue;
                        }

                        var asset = AssetPath.Parse($"plant-{plantIndex}/{node.Id}/{device.Id}");
                        paths.Add(new TagPath(asset, device.Metrics[m].Name));
                        var column = new double[pointsPerTag];
                        values.Add(column);
                        columns.Add((device, m, column));
                    }
                }
            }

            if (columns.Count == 0)
            {
                throw new InvalidOperationException("the virtual plant has no numeric metrics");
            }

            for (var i = 0; i < pointsPerTag; i++)
            {
                if ((i & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                plant.Advance(TimeSpan.FromSeconds(1));
                foreach (var (device, metric, column) in columns)
                {
                    column[i] = device.Values[metric].AsDouble();
                }
            }
        }

        return new PlantDataSet(DefaultStartUtc, pointsPerTag, paths, values);
    }
}
