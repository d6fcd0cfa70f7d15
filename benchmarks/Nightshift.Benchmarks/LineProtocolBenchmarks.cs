using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Nightshift.Connectivity.LineProtocol;

namespace Nightshift.Benchmarks;

/// <summary>
/// Parse of a 1,000-line InfluxDB line protocol body (two tags, two float fields and an integer field per line,
/// seconds precision), as an HTTP <c>/write</c> request carries it. Not thread-safe. The setup throws
/// <see cref="InvalidOperationException"/> when the body does not parse into one point per line without errors.
/// </summary>
[MemoryDiagnoser]
public class LineProtocolBenchmarks
{
    private const int Lines = 1_000;
    private static readonly DateTime ReceivedUtc = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        var builder = new StringBuilder(Lines * 96);
        var start = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        for (var i = 0; i < Lines; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"press,area=body-shop,equipment=press-{i % 10} power={150.0 + (i * 0.25):0.###},force={812.5 + (i % 17):0.###},strokes={10_000 + i}i {start + i}\n");
        }

        _body = Encoding.UTF8.GetBytes(builder.ToString());
        var parsed = LineProtocolParser.Parse(_body, LineProtocolPrecision.Seconds, ReceivedUtc);
        if (parsed.Points.Count != Lines || parsed.ErrorCount != 0)
        {
            throw new InvalidOperationException($"the body parsed into {parsed.Points.Count} points and {parsed.ErrorCount} errors; expected {Lines} points");
        }
    }

    /// <summary>Parses the whole body into points.</summary>
    [Benchmark]
    public int Parse() => LineProtocolParser.Parse(_body, LineProtocolPrecision.Seconds, ReceivedUtc).Points.Count;
}
