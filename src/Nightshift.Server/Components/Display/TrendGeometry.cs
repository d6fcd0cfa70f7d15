using System.Globalization;
using System.Text;
using Nightshift.Core.Samples;

namespace Nightshift.Server.Components.Display;

/// <summary>
/// The drawing of a trend in SVG user units (one unit = one CSS pixel): scales, axis ticks, the line and the
/// min/max envelope of a series of samples over a time window.
/// </summary>
/// <remarks>
/// Design: the historian returns, per time bucket, its first, min, max and last samples. The plot is split into
/// columns of <see cref="ColumnWidth"/> pixels; each column's min and max form the envelope (a filled band) and
/// the mean of each column draws the line, so a noisy signal shows as a band around a readable line and a quiet
/// one as a plain line. Bad-quality and non-numeric samples are left out. A gap longer than five typical sample
/// intervals (and than 1/30 of the window) breaks the line instead of bridging missing data. Immutable once built.
/// </remarks>
public sealed class TrendGeometry
{
    public const double MarginLeft = 64;
    public const double MarginRight = 18;
    public const double MarginTop = 14;
    public const double MarginBottom = 30;
    public const double ColumnWidth = 4;

    private static readonly TimeSpan[] TimeSteps =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
        TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7),
    ];

    private readonly long _spanTicks;

    /// <param name="samples">The samples, oldest first.</param>
    /// <param name="fromUtc">The start of the window (UTC).</param>
    /// <param name="toUtc">The end of the window (UTC); must be after <paramref name="fromUtc"/>.</param>
    /// <param name="width">The width of the chart in pixels.</param>
    /// <param name="height">The height of the chart in pixels.</param>
    /// <param name="zone">The time zone of the time axis labels.</param>
    /// <exception cref="ArgumentException">The window is empty or reversed.</exception>
    public TrendGeometry(IReadOnlyList<Sample> samples, DateTime fromUtc, DateTime toUtc, double width, double height, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(zone);
        if (toUtc <= fromUtc)
        {
            throw new ArgumentException("The end of a trend window must be after its start.", nameof(toUtc));
        }

        FromUtc = fromUtc;
        ToUtc = toUtc;
        _spanTicks = (toUtc - fromUtc).Ticks;
        Width = Math.Max(width, MarginLeft + MarginRight + 10);
        Height = Math.Max(height, MarginTop + MarginBottom + 10);
        PlotWidth = Width - MarginLeft - MarginRight;
        PlotHeight = Height - MarginTop - MarginBottom;

        var points = samples
            .Where(s => s.Value.IsNumeric && !s.Quality.IsBad && !double.IsNaN(s.Value.AsDouble()) && !double.IsInfinity(s.Value.AsDouble()))
            .Where(s => s.Timestamp >= fromUtc && s.Timestamp <= toUtc)
            .Select(s => (Time: s.Timestamp, Value: s.Value.AsDouble()))
            .ToList();
        PointCount = points.Count;
        if (points.Count > 0)
        {
            Min = points.Min(p => p.Value);
            Max = points.Max(p => p.Value);
            Last = points[^1].Value;
            LastTime = points[^1].Time;
        }

        (YMin, YMax, var step) = ValueScale(Min ?? 0, Max ?? 1, Math.Max(2, (int)(PlotHeight / 40)));
        ValueTicks = MakeValueTicks(step);
        TimeTicks = MakeTimeTicks(zone);
        (LinePath, EnvelopePath) = Draw(points);
    }

    public DateTime FromUtc { get; }

    public DateTime ToUtc { get; }

    public double Width { get; }

    public double Height { get; }

    public double PlotLeft { get; } = MarginLeft;

    public double PlotTop { get; } = MarginTop;

    public double PlotWidth { get; }

    public double PlotHeight { get; }

    public double PlotRight => MarginLeft + PlotWidth;

    public double PlotBottom => MarginTop + PlotHeight;

    /// <summary>The bottom and top of the value axis (rounded out to whole ticks).</summary>
    public double YMin { get; }

    public double YMax { get; }

    /// <summary>The number of samples drawn (numeric, not Bad, inside the window).</summary>
    public int PointCount { get; }

    /// <summary>The smallest value drawn, or null when nothing is drawn.</summary>
    public double? Min { get; }

    public double? Max { get; }

    /// <summary>The newest value drawn, or null.</summary>
    public double? Last { get; }

    public DateTime? LastTime { get; }

    public IReadOnlyList<AxisTick> ValueTicks { get; }

    public IReadOnlyList<AxisTick> TimeTicks { get; }

    /// <summary>The SVG path data of the line (empty when there is nothing to draw).</summary>
    public string LinePath { get; }

    /// <summary>The SVG path data of the min/max envelope: closed shapes (empty when there is nothing to draw).</summary>
    public string EnvelopePath { get; }

    public double XOf(DateTime utc) => PlotLeft + ((utc - FromUtc).Ticks / (double)_spanTicks * PlotWidth);

    public double YOf(double value) => PlotTop + ((1 - ((value - YMin) / (YMax - YMin))) * PlotHeight);

    /// <summary>The instant at horizontal position <paramref name="x"/>, clamped to the window.</summary>
    public DateTime TimeAt(double x)
    {
        var fraction = Math.Clamp((x - PlotLeft) / PlotWidth, 0, 1);
        return FromUtc.AddTicks((long)(fraction * _spanTicks));
    }

    /// <summary>Rounds a value range out to "nice" ticks (1, 2 or 5 times a power of ten) and returns the bounds and the step.</summary>
    public static (double Min, double Max, double Step) ValueScale(double min, double max, int targetTicks)
    {
        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            var pad = Math.Abs(min) > 1e-9 ? Math.Abs(min) * 0.05 : 1;
            min -= pad;
            max += pad;
        }

        var raw = (max - min) / Math.Max(1, targetTicks);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / power;
        var step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    /// <summary>The time step of the axis: the smallest of the usual steps that gives at most <paramref name="maxTicks"/> ticks.</summary>
    public static TimeSpan TimeStep(TimeSpan span, int maxTicks)
    {
        foreach (var step in TimeSteps)
        {
            if (span.Ticks / step.Ticks <= Math.Max(1, maxTicks))
            {
                return step;
            }
        }

        return TimeSteps[^1];
    }

    private List<AxisTick> MakeValueTicks(double step)
    {
        var decimals = Math.Clamp((int)-Math.Floor(Math.Log10(step) + 1e-9), 0, 6);
        var format = Math.Abs(YMax) >= 10_000 || Math.Abs(YMin) >= 10_000 ? "#,0" : "F" + decimals.ToString(CultureInfo.InvariantCulture);
        var ticks = new List<AxisTick>();
        var count = (int)Math.Round((YMax - YMin) / step);
        for (var i = 0; i <= count; i++)
        {
            var value = YMin + (i * step);
            ticks.Add(new AxisTick(YOf(value), (Math.Abs(value) < step / 1e6 ? 0 : value).ToString(format, CultureInfo.InvariantCulture)));
        }

        return ticks;
    }

    private List<AxisTick> MakeTimeTicks(TimeZoneInfo zone)
    {
        var step = TimeStep(ToUtc - FromUtc, Math.Max(2, (int)(PlotWidth / 90)));
        var format = step < TimeSpan.FromMinutes(1) ? "HH:mm:ss" : step < TimeSpan.FromDays(1) ? "HH:mm" : "MM-dd";
        var offset = zone.GetUtcOffset(FromUtc);
        var localFrom = FromUtc + offset;
        var first = new DateTime((localFrom.Ticks + step.Ticks - 1) / step.Ticks * step.Ticks, DateTimeKind.Unspecified);
        var ticks = new List<AxisTick>();
        for (var local = first; local - offset <= ToUtc; local += step)
        {
            var utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
            var label = TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString(format, CultureInfo.InvariantCulture);
            ticks.Add(new AxisTick(XOf(utc), label));
        }

        return ticks;
    }

    private (string Line, string Envelope) Draw(List<(DateTime Time, double Value)> points)
    {
        if (points.Count == 0)
        {
            return (string.Empty, string.Empty);
        }

        var gap = GapThreshold(points);
        var line = new StringBuilder();
        var envelope = new StringBuilder();
        var run = new List<(double X, double Min, double Max, double Sum, int Count)>();
        var previousTime = points[0].Time;
        var column = -1;
        foreach (var (time, value) in points)
        {
            if (time - previousTime > gap)
            {
                Flush(run, line, envelope);
                column = -1;
            }

            previousTime = time;
            var x = XOf(time);
            var index = (int)((x - PlotLeft) / ColumnWidth);
            if (index != column || run.Count == 0)
            {
                run.Add((x, value, value, value, 1));
                column = index;
            }
            else
            {
                var c = run[^1];
                run[^1] = (c.X, Math.Min(c.Min, value), Math.Max(c.Max, value), c.Sum + value, c.Count + 1);
            }
        }

        Flush(run, line, envelope);
        return (line.ToString(), envelope.ToString());
    }

    /// <summary>Writes one unbroken run of columns: the line through column means, the envelope around min and max.</summary>
    private void Flush(List<(double X, double Min, double Max, double Sum, int Count)> run, StringBuilder line, StringBuilder envelope)
    {
        if (run.Count == 0)
        {
            return;
        }

        for (var i = 0; i < run.Count; i++)
        {
            var c = run[i];
            Append(line, i == 0 ? 'M' : 'L', c.X, YOf(c.Sum / c.Count));
        }

        if (run.Count == 1)
        {
            line.Append("h0.01"); // a lone point: drawn as a dot by the round line cap
        }

        if (run.Any(c => c.Max > c.Min))
        {
            for (var i = 0; i < run.Count; i++)
            {
                Append(envelope, i == 0 ? 'M' : 'L', run[i].X, YOf(run[i].Max));
            }

            for (var i = run.Count - 1; i >= 0; i--)
            {
                Append(envelope, 'L', run[i].X, YOf(run[i].Min));
            }

            envelope.Append('Z');
        }

        run.Clear();
    }

    private TimeSpan GapThreshold(List<(DateTime Time, double Value)> points)
    {
        var window = TimeSpan.FromTicks(_spanTicks / 30);
        if (points.Count < 3)
        {
            return window;
        }

        var intervals = new long[points.Count - 1];
        for (var i = 1; i < points.Count; i++)
        {
            intervals[i - 1] = (points[i].Time - points[i - 1].Time).Ticks;
        }

        Array.Sort(intervals);
        var typical = TimeSpan.FromTicks(intervals[intervals.Length / 2] * 5);
        return typical > window ? typical : window;
    }

    private static void Append(StringBuilder builder, char command, double x, double y) =>
        builder.Append(command)
            .Append(x.ToString("0.#", CultureInfo.InvariantCulture))
            .Append(',')
            .Append(y.ToString("0.#", CultureInfo.InvariantCulture));
}
