using Nightshift.Core.Assets;
using Nightshift.Core.Samples;

namespace Nightshift.Core.Ingest;

/// <summary>Normalized samples of one equipment: what the twin and the historian receive.</summary>
public sealed record EquipmentBatch(string Tenant, AssetPath Equipment, IReadOnlyList<TagSample> Samples)
{
    public SampleBatch ToSampleBatch() => new(Tenant, Samples.Select(s => s.Sample).ToArray());
}
