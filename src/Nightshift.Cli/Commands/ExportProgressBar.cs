using System.Globalization;
using System.Text;

namespace Nightshift.Cli.Commands;

/// <summary>
/// A one-line textual progress bar on standard error: bytes received, and where the time range has got to when it is
/// known (CSV rows carry their time). Redrawn at most every <see cref="Interval"/>; silent when standard error is not a
/// terminal (redirected to a file or a pipe). Not thread-safe.
/// </summary>
public sealed class ExportProgressBar
{
    /// <summary>The shortest time between two redraws.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private const int Width = 30;

    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly bool _enabled;
    private readonly long _started;
    private long _drawn;
    private int _lastLength;

    /// <param name="output">Standard error.</param>
    /// <param name="enabled">False when standard error is not a terminal.</param>
    /// <param name="time">The clock of the redraw interval and the rate.</param>
    public ExportProgressBar(TextWriter output, bool enabled, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        _output = output;
        _enabled = enabled;
        _time = time;
        _started = time.GetTimestamp();
        _drawn = long.MinValue;
    }

    /// <summary>The line for a state: a bar and percentage when the position in the range is known, then bytes, rate and time reached.</summary>
    public static string Format(long bytes, TimeSpan elapsed, DateTime? fromUtc, DateTime? toUtc, DateTime? position)
    {
        var line = new StringBuilder();
        if (fromUtc is { } from && toUtc is { } to && position is { } at && to > from)
        {
            var fraction = Math.Clamp((at - from) / (to - from), 0, 1);
            var filled = (int)Math.Round(fraction * Width);
            line.Append('[').Append('#', filled).Append('.', Width - filled).Append("] ")
                .Append(CultureInfo.InvariantCulture, $"{fraction * 100,3:0}% ");
        }

        var rate = elapsed.TotalSeconds > 0 ? bytes / elapsed.TotalSeconds : 0;
        line.Append(Size(bytes)).Append(" received, ").Append(Size((long)rate)).Append("/s");
        if (position is { } reached)
        {
            line.Append(", at ").Append(reached.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        return line.ToString();
    }

    /// <summary>A byte count for people: B, KiB, MiB or GiB with one decimal.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB"),
    };

    /// <summary>Redraws the line if <see cref="Interval"/> has passed since the last time, or when <paramref name="force"/>.</summary>
    public void Report(long bytes, DateTime? fromUtc, DateTime? toUtc, DateTime? position, bool force = false)
    {
        if (!_enabled)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (!force && _drawn != long.MinValue && _time.GetElapsedTime(_drawn, now) < Interval)
        {
            return;
        }

        _drawn = now;
        var line = Format(bytes, _time.GetElapsedTime(_started, now), fromUtc, toUtc, position);
        _output.Write("\r" + line + new string(' ', Math.Max(0, _lastLength - line.Length)));
        _output.Flush();
        _lastLength = line.Length;
    }

    /// <summary>Ends the bar's line so that what follows starts on a new one.</summary>
    public void Finish()
    {
        if (_enabled && _lastLength > 0)
        {
            _output.WriteLine();
            _lastLength = 0;
        }
    }
}
