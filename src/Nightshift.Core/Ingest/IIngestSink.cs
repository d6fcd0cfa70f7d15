using Nightshift.Core.Samples;

namespace Nightshift.Core.Ingest;

/// <summary>
/// Where connectors deliver what they decoded. Implementations normalize, update twins, write history and
/// fan out live values. A completed call means the data was accepted by the pipeline. Thread-safe.
/// </summary>
public interface IIngestSink
{
    /// <summary>A source announced (or re-announced) the metrics it will send: a Sparkplug birth.</summary>
    ValueTask DescribeAsync(string tenant, string source, IReadOnlyList<SourceMetric> metrics, CancellationToken cancellationToken);

    /// <summary>Values from a source.</summary>
    ValueTask IngestAsync(SourceBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// A source came online or went offline. When offline, every tag of the source takes <paramref name="quality"/>
    /// (e.g. <see cref="Quality.BadNotConnected"/>) and the equipment state becomes Offline.
    /// </summary>
    ValueTask SourceStatusAsync(string tenant, string source, bool online, Quality quality, DateTime timestamp, CancellationToken cancellationToken);
}
