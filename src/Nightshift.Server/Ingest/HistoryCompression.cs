using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;
using Nightshift.Historian.Compression;

namespace Nightshift.Server.Ingest;

/// <summary>
/// Applies each tag's <see cref="TagDefinition.Compression"/> to the samples on their way to the historian (twins and
/// live values still get every sample). One <see cref="SampleCompressor"/> per series, kept in an array indexed by
/// <c>SeriesId</c>; a changed setting starts the series over. Batches of types without compressed tags pass through
/// without a copy. A swinging door holds the newest point of a series back until the next sample decides about it.
/// Thread-safe (one lock per batch).
/// </summary>
public sealed class HistoryCompression
{
    private readonly Lock _gate = new();
    private readonly Sample[] _output = new Sample[2];
    private SampleCompressor[] _compressors = new SampleCompressor[256];

    /// <summary>The samples of <paramref name="batch"/> to store, given the type of its equipment (null: unknown, lossless).</summary>
    public SampleBatch Apply(EquipmentBatch batch, AssetType? type)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (type is null || !type.Tags.Any(t => t.Compression is { Kind: not CompressionKind.None }))
        {
            return batch.ToSampleBatch();
        }

        var kept = new List<Sample>(batch.Samples.Count);
        lock (_gate)
        {
            foreach (var (tag, sample) in batch.Samples)
            {
                var settings = type.FindTag(tag)?.Compression;
                ref var compressor = ref Slot(sample.Series.Value);
                if (!ReferenceEquals(compressor.Settings, settings))
                {
                    if (compressor.TryTakeHeld(out var held))
                    {
                        kept.Add(held);
                    }

                    compressor = settings is null ? default : new SampleCompressor(settings);
                }

                var count = compressor.Offer(sample, _output);
                for (var i = 0; i < count; i++)
                {
                    kept.Add(_output[i]);
                }
            }
        }

        return new SampleBatch(batch.Tenant, kept);
    }

    private ref SampleCompressor Slot(int series)
    {
        if (series >= _compressors.Length)
        {
            Array.Resize(ref _compressors, Math.Max(series + 1, _compressors.Length * 2));
        }

        return ref _compressors[series];
    }
}
