using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Testing;

/// <summary>An ingest sink that records what it is given. Thread-safe.</summary>
public sealed class RecordingIngestSink : IIngestSink
{
    private readonly Lock _gate = new();
    private readonly List<(string Tenant, string Source, IReadOnlyList<SourceMetric> Metrics)> _described = [];
    private readonly List<SourceBatch> _batches = [];
    private readonly List<(string Tenant, string Source, bool Online, Quality Quality, DateTime Timestamp)> _statuses = [];

    public IReadOnlyList<(string Tenant, string Source, IReadOnlyList<SourceMetric> Metrics)> Described
    {
        get
        {
            lock (_gate)
            {
                return _described.ToArray();
            }
        }
    }

    public IReadOnlyList<SourceBatch> Batches
    {
        get
        {
            lock (_gate)
            {
                return _batches.ToArray();
            }
        }
    }

    public IReadOnlyList<(string Tenant, string Source, bool Online, Quality Quality, DateTime Timestamp)> Statuses
    {
        get
        {
            lock (_gate)
            {
                return _statuses.ToArray();
            }
        }
    }

    /// <summary>All points delivered for <paramref name="source"/>, in order.</summary>
    public IReadOnlyList<SourcePoint> Points(string source) =>
        Batches.Where(b => b.Source == source).SelectMany(b => b.Points).ToArray();

    public ValueTask DescribeAsync(string tenant, string source, IReadOnlyList<SourceMetric> metrics, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _described.Add((tenant, source, metrics));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask IngestAsync(SourceBatch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _batches.Add(batch);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SourceStatusAsync(string tenant, string source, bool online, Quality quality, DateTime timestamp, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _statuses.Add((tenant, source, online, quality, timestamp));
        }

        return ValueTask.CompletedTask;
    }
}
