using System.Buffers;
using BenchmarkDotNet.Attributes;
using Nightshift.Connectivity.Sparkplug;
using Nightshift.Core.Samples;

namespace Nightshift.Benchmarks;

/// <summary>
/// Encode and decode of a typical Sparkplug B DDATA payload: 20 metrics by alias (12 doubles, 4 longs, 4 booleans),
/// each with its own timestamp, plus the payload timestamp and sequence number. Not thread-safe (BenchmarkDotNet runs
/// one instance per process).
/// </summary>
[MemoryDiagnoser]
public class SparkplugCodecBenchmarks
{
    private const int MetricCount = 20;

    private readonly ArrayBufferWriter<byte> _writer = new(1024);
    private SparkplugPayload _payload = null!;
    private byte[] _encoded = [];

    [GlobalSetup]
    public void Setup()
    {
        var now = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);
        var metrics = new SparkplugMetric[MetricCount];
        for (var i = 0; i < MetricCount; i++)
        {
            var (type, value) = (i % 5) switch
            {
                3 => (SparkplugDataType.Int64, SampleValue.FromLong(1_000 + (i * 37))),
                4 => (SparkplugDataType.Boolean, SampleValue.FromBool(i % 2 == 0)),
                _ => (SparkplugDataType.Double, SampleValue.FromDouble(20.0 + (i * 1.37))),
            };
            metrics[i] = new SparkplugMetric(null, type, value) { Alias = (ulong)(i + 1), Timestamp = now.AddMilliseconds(i) };
        }

        _payload = new SparkplugPayload(now, 42, metrics);
        _encoded = SparkplugPayloadCodec.Encode(_payload);
    }

    /// <summary>Encodes the DDATA into a reused buffer writer.</summary>
    [Benchmark]
    public int Encode()
    {
        _writer.ResetWrittenCount();
        SparkplugPayloadCodec.Encode(_payload, _writer);
        return _writer.WrittenCount;
    }

    /// <summary>Decodes the DDATA from one span.</summary>
    [Benchmark]
    public int Decode() => SparkplugPayloadCodec.Decode(_encoded).Metrics.Count;
}
