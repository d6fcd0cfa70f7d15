using System.Diagnostics;
using System.Globalization;
using System.Text;
using Nightshift.Connectivity.LineProtocol;

namespace Nightshift.Benchmarks.Connectivity;

/// <summary>
/// The line protocol parser on bodies as Telegraf sends them: 5,000 lines of three fields each (a measurement, two tags,
/// two floats and an integer, nanosecond timestamps), parsed over and over on one thread for a while.
/// </summary>
internal static class LineProtocolParsing
{
    private const int Lines = 5_000;

    public static double PointsPerSecond(TimeSpan duration)
    {
        var builder = new StringBuilder(Lines * 110);
        var start = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        for (var i = 0; i < Lines; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"press,area=body-shop,equipment=press-{i % 40} power={150.0 + (i * 0.25):0.###},force={812.5 + (i % 17):0.###},strokes={10_000 + i}i {start + (i * 1_000_000_000L)}\n");
        }

        var body = Encoding.UTF8.GetBytes(builder.ToString());
        var received = DateTime.UtcNow;
        var check = LineProtocolParser.Parse(body, LineProtocolPrecision.Nanoseconds, received);
        if (check.Points.Count != Lines || check.ErrorCount != 0)
        {
            throw new InvalidOperationException($"the body parsed into {check.Points.Count} lines and {check.ErrorCount} errors");
        }

        var fields = check.Points.Sum(p => p.Fields.Count);
        var rounds = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            LineProtocolParser.Parse(body, LineProtocolPrecision.Nanoseconds, received);
            rounds++;
        }

        return rounds * (double)fields / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
