using System.Diagnostics.Metrics;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Export;

/// <summary>Instruments of history exports, on the server's meter (exported on <c>/metrics</c>). Thread-safe.</summary>
public static class ExportMetrics
{
    private static readonly Meter Meter = new(IngestMetrics.MeterName);

    /// <summary>Exports completed, by format.</summary>
    public static Counter<long> Exports { get; } = Meter.CreateCounter<long>("nightshift.export.requests", "{export}", "History exports completed, by format");

    /// <summary>Samples written by exports, by format.</summary>
    public static Counter<long> Samples { get; } = Meter.CreateCounter<long>("nightshift.export.samples", "{sample}", "Samples written by history exports, by format");

    /// <summary>Exports that stopped before the end: the client went away or the history could not be read.</summary>
    public static Counter<long> Failures { get; } = Meter.CreateCounter<long>("nightshift.export.failures", "{export}", "History exports that did not complete");
}
