using System.Diagnostics.Metrics;

namespace Nightshift.Server.Ingest;

/// <summary>The server's instruments, exported on <c>/metrics</c> with those of the other Nightshift meters.</summary>
public static class IngestMetrics
{
    public const string MeterName = "Nightshift.Server";
    private static readonly Meter Meter = new(MeterName);

    public static Counter<long> Samples { get; } = Meter.CreateCounter<long>("nightshift.ingest.samples", "{sample}", "Samples accepted by the ingest pipeline");

    public static Histogram<int> BatchSize { get; } = Meter.CreateHistogram<int>("nightshift.ingest.batch_size", "{sample}", "Samples per ingested batch");

    public static Counter<long> ApiErrors { get; } = Meter.CreateCounter<long>("nightshift.api.errors", "{error}", "Rejected API requests by kind");

    public static Counter<long> PipelineErrors { get; } = Meter.CreateCounter<long>("nightshift.ingest.pipeline_errors", "{error}", "Batches the pipeline failed to apply");
}
