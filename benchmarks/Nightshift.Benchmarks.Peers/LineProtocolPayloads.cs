using System.Buffers.Text;
using System.Text;

namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// Encodes the data set as InfluxDB line protocol, one request body per <see cref="PointsPerRequest"/> points of one tag
/// (grouped by series, as Nightshift receives them): <c>p,t=t00042 v=123.4 1767571200</c>, timestamps in seconds.
/// The measurement <c>p</c> and field <c>v</c> become the VictoriaMetrics metric <c>p_v</c>. Thread-safe (no state).
/// </summary>
public static class LineProtocolPayloads
{
    /// <summary>Points per request body.</summary>
    public const int PointsPerRequest = 10_000;

    /// <summary>Encodes every point; the bodies are made before the timed ingest so that encoding is not measured.</summary>
    public static IReadOnlyList<byte[]> Encode(PlantDataSet data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        var bodies = new List<byte[]>();
        var start = new DateTimeOffset(data.StartUtc).ToUnixTimeSeconds();
        var buffer = new byte[PointsPerRequest * 64];
        for (var tag = 0; tag < data.Tags; tag++)
        {
            ct.ThrowIfCancellationRequested();
            var prefix = Encoding.ASCII.GetBytes("p,t=" + PlantDataSet.Key(tag) + " v=");
            var values = data.Values[tag];
            for (var from = 0; from < values.Length; from += PointsPerRequest)
            {
                var to = Math.Min(values.Length, from + PointsPerRequest);
                var length = 0;
                for (var i = from; i < to; i++)
                {
                    prefix.CopyTo(buffer.AsSpan(length));
                    length += prefix.Length;
                    Utf8Formatter.TryFormat(values[i], buffer.AsSpan(length), out var written);
                    length += written;
                    buffer[length++] = (byte)' ';
                    Utf8Formatter.TryFormat(start + i, buffer.AsSpan(length), out written);
                    length += written;
                    buffer[length++] = (byte)'\n';
                }

                bodies.Add(buffer.AsSpan(0, length).ToArray());
            }
        }

        return bodies;
    }
}
