using System.Globalization;
using System.Text;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Plant;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Benchmarks.Alarms;

/// <summary>
/// The benchmark's plant: equipment of one type whose every tag carries a HI limit alarm (limit 90, deadband 5), made as
/// a plant file and loaded by the platform's own loader; and the batches (one per equipment, one sample per tag) fed to it.
/// Values wander between 20 and 80; <see cref="Batch"/> puts a chosen tag over the limit (95) or back (10) on request.
/// </summary>
public sealed class BenchPlant
{
    public const string Tenant = "bench";
    public const double Limit = 90;

    private readonly SeriesId[][] _ids;

    public BenchPlant(int tags, int tagsPerEquipment, SeriesRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        TagsPerEquipment = tagsPerEquipment;
        var equipmentCount = tags / tagsPerEquipment;
        var yaml = new StringBuilder();
        yaml.Append("tenant: bench\ntypes:\n  Sensor:\n    stateModel: utility\n    tags:\n");
        for (var t = 0; t < tagsPerEquipment; t++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      t{t:000}: {{ type: double }}\n");
        }

        yaml.Append("    alarms:\n");
        for (var t = 0; t < tagsPerEquipment; t++)
        {
            var priority = (t % 4) switch { 0 => "urgent", 1 => "high", 2 => "medium", _ => "low" };
            yaml.Append(CultureInfo.InvariantCulture, $"      t{t:000}.hi: {{ tag: t{t:000}, kind: high, limit: {Limit}, deadband: 5, priority: {priority} }}\n");
        }

        yaml.Append("sites:\n  - id: plant\n    timeZone: UTC\n    areas:\n      - id: hall\n        lines:\n          - id: line\n            equipment:\n");
        for (var e = 0; e < equipmentCount; e++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"              - {{ id: eq-{e:00000}, type: Sensor }}\n");
        }

        Model = PlantFileLoader.Load("plants/bench.yaml", yaml.ToString(), Tenant);
        Equipment = [.. Enumerable.Range(0, equipmentCount).Select(e => AssetPath.Parse($"plant/hall/line/eq-{e:00000}"))];
        TagNames = [.. Enumerable.Range(0, tagsPerEquipment).Select(t => $"t{t:000}")];
        _ids = [.. Equipment.Select(path => TagNames.Select(tag => registry.GetOrAdd(Tenant, new TagPath(path, tag)).Id).ToArray())];
    }

    public PlantModel Model { get; }

    public IReadOnlyList<AssetPath> Equipment { get; }

    public IReadOnlyList<string> TagNames { get; }

    public int TagsPerEquipment { get; }

    /// <summary>
    /// The batch of one equipment at <paramref name="timestamp"/>: every tag a value between 20 and 80, except
    /// <paramref name="tripTag"/> (if not negative), which is set to 95 when <paramref name="over"/>, else to 10.
    /// </summary>
    public EquipmentBatch Batch(int equipment, DateTime timestamp, Random random, int tripTag = -1, bool over = false)
    {
        ArgumentNullException.ThrowIfNull(random);
        var samples = new TagSample[TagsPerEquipment];
        var ids = _ids[equipment];
        for (var t = 0; t < samples.Length; t++)
        {
            var value = t == tripTag ? (over ? 95 : 10) : 20 + (60 * random.NextDouble());
            samples[t] = new TagSample(TagNames[t], new Sample(ids[t], timestamp, SampleValue.FromDouble(value), Quality.Good));
        }

        return new EquipmentBatch(Tenant, Equipment[equipment], samples);
    }
}
