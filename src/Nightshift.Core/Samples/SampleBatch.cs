namespace Nightshift.Core.Samples;

/// <summary>
/// The unit that moves through the pipeline: samples of one tenant, usually from one device message.
/// A batch is immutable once created and may be shared by several consumers without copying.
/// </summary>
public sealed class SampleBatch
{
    public SampleBatch(string tenant, IReadOnlyList<Sample> samples)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(samples);
        Tenant = tenant;
        Samples = samples;
    }

    public string Tenant { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public int Count => Samples.Count;
}
