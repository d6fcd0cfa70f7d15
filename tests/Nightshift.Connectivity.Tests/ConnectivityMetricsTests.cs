using System.Buffers;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Connectivity.Sparkplug;
using Nightshift.Connectivity.Tests.Support;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests;

public sealed class ConnectivityMetricsTests
{
    [Fact]
    public async Task Bad_Sparkplug_input_is_counted_by_kind_on_the_connectivity_meter()
    {
        var counted = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConnectivityMetrics.MeterName && instrument.Name == "nightshift.ingest.errors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "kind")
                {
                    counted.Add((string)tag.Value!);
                }
            }
        });
        listener.Start();
        var ct = TestContext.Current.CancellationToken;
        await using var host = new SparkplugHostApplication(new SparkplugHostOptions("h"), new RecordingIngestSink(), new InMemorySparkplugSessionStore(), new RecordingPublisher(), TimeProvider.System, NullLogger<SparkplugHostApplication>.Instance);

        await host.HandleAsync("metrics-tenant", "spBv1.0/G/NDATA/n", new ReadOnlySequence<byte>([0x0A, 0xFF]), ct);
        await host.HandleAsync("metrics-tenant", "spBv1.0/G/NDATA", ReadOnlySequence<byte>.Empty, ct);
        var birth = SparkplugPayloadCodec.Encode(new SparkplugPayload(null, 0, [new SparkplugMetric("a", SparkplugDataType.Double, SampleValue.FromDouble(1)) { Alias = 1 }]));
        await host.HandleAsync("metrics-tenant", "spBv1.0/G/NBIRTH/n", new ReadOnlySequence<byte>(birth), ct);
        var gap = SparkplugPayloadCodec.Encode(new SparkplugPayload(null, 2, [new SparkplugMetric(null, SparkplugDataType.Double, SampleValue.FromDouble(1)) { Alias = 1 }]));
        await host.HandleAsync("metrics-tenant", "spBv1.0/G/NDATA/n", new ReadOnlySequence<byte>(gap), ct);

        counted.ShouldContain(ConnectivityMetrics.SparkplugMalformedPayload);
        counted.ShouldContain(ConnectivityMetrics.MqttBadTopic);
        counted.ShouldContain(ConnectivityMetrics.SparkplugSequenceGap);
    }
}
