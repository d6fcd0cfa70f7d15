using System.Globalization;
using System.Text;
using Nightshift.Core.Samples;

namespace Nightshift.Server.Components.Live;

/// <summary>
/// The recent course of one numeric tag for a tile's sparkline: a fixed ring of at most <see cref="Capacity"/>
/// points, at most one per <see cref="Interval"/> (a newer value within the interval replaces the last point), so
/// memory is fixed and nothing is allocated per sample. Filled from history once and then from live values.
/// Thread-safe: writers and readers take a short lock.
/// </summary>
public sealed class Sparkline
{
    public const int Capacity = 120;

    private readonly Lock _gate = new();
    private readonly long[] _ticks = new long[Capacity];
    private readonly double[] _values = new double[Capacity];
    private int _start;
    private int _count;
    private long _anchor;
    private bool _provisional;
    private long _version;
    private long _cachedTo = long.MinValue;
    private long _cachedVersion = -1;
    private (double Width, double Height) _cachedSize;
    private string _cachedPath = string.Empty;

    /// <param name="window">The span the sparkline shows, e.g. 10 minutes.</param>
    public Sparkline(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Window = window;
        Interval = window / Capacity;
    }

    public TimeSpan Window { get; }

    /// <summary>The smallest time between two points.</summary>
    public TimeSpan Interval { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>
    /// Adds a value. Points are kept at least <see cref="Interval"/> apart; values in between update one provisional
    /// newest point, so the line always ends at the latest value. Older than the newest point, NaN or infinite: ignored.
    /// </summary>
    public void Add(DateTime utc, double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        lock (_gate)
        {
            if (_count > 0)
            {
                var last = (_start + _count - 1) % Capacity;
                if (utc.Ticks < _ticks[last])
                {
                    return;
                }

                if (_provisional)
                {
                    _version++;
                    _ticks[last] = utc.Ticks;
                    _values[last] = value;
                    if (utc.Ticks - _anchor >= Interval.Ticks)
                    {
                        _anchor = utc.Ticks;
                        _provisional = false;
                    }

                    return;
                }

                if (utc.Ticks - _anchor < Interval.Ticks)
                {
                    Append(utc.Ticks, value);
                    _provisional = true;
                    return;
                }
            }

            Append(utc.Ticks, value);
            _anchor = utc.Ticks;
            _provisional = false;
        }
    }

    /// <summary>Adds history (oldest first) that is older than every point held, keeping the newest points when full.</summary>
    public void Fill(IReadOnlyList<Sample> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        lock (_gate)
        {
            var points = new List<(long Ticks, double Value)>(Capacity);
            var firstHeld = _count > 0 ? _ticks[_start] : long.MaxValue;
            long? lastTaken = null;
            foreach (var sample in history)
            {
                var value = sample.Value.AsDouble();
                if (sample.Timestamp.Ticks >= firstHeld || !double.IsFinite(value) || sample.Quality.IsBad || sample.Timestamp.Ticks - lastTaken < Interval.Ticks)
                {
                    continue;
                }

                points.Add((sample.Timestamp.Ticks, value));
                lastTaken = sample.Timestamp.Ticks;
            }

            for (var i = 0; i < _count; i++)
            {
                var index = (_start + i) % Capacity;
                points.Add((_ticks[index], _values[index]));
            }

            _version++;
            var skip = Math.Max(0, points.Count - Capacity);
            _start = 0;
            _count = points.Count - skip;
            for (var i = 0; i < _count; i++)
            {
                (_ticks[i], _values[i]) = points[skip + i];
            }

            if (_count > 0 && !_provisional)
            {
                _anchor = _ticks[_count - 1];
            }
        }
    }

    private void Append(long ticks, double value)
    {
        _version++;
        if (_count == Capacity)
        {
            _start = (_start + 1) % Capacity;
            _count--;
        }

        var index = (_start + _count) % Capacity;
        _ticks[index] = ticks;
        _values[index] = value;
        _count++;
    }

    /// <summary>
    /// SVG path data of the points within <see cref="Window"/> before <paramref name="nowUtc"/>, scaled into a
    /// <paramref name="width"/> × <paramref name="height"/> box (value range stretched to the box, 10% margin).
    /// The clock is taken in steps of <see cref="Interval"/> and points after the step are left for the next one, so
    /// the path, and what the browser is sent, changes once per interval and not with every value. Empty when fewer
    /// than two points are visible.
    /// </summary>
    public string Path(DateTime nowUtc, double width, double height)
    {
        var to = nowUtc.Ticks - (nowUtc.Ticks % Interval.Ticks);
        var from = to - Window.Ticks;
        lock (_gate)
        {
            if (_cachedTo == to && _cachedVersion == _version && _cachedSize == (width, height))
            {
                return _cachedPath;
            }

            var min = double.MaxValue;
            var max = double.MinValue;
            var visible = 0;
            for (var i = 0; i < _count; i++)
            {
                var index = (_start + i) % Capacity;
                if (_ticks[index] >= from && _ticks[index] <= to)
                {
                    min = Math.Min(min, _values[index]);
                    max = Math.Max(max, _values[index]);
                    visible++;
                }
            }

            if (visible < 2)
            {
                return Cache(to, width, height, string.Empty);
            }

            var span = max - min;
            var pad = span > 0 ? span * 0.1 : Math.Max(Math.Abs(max) * 0.05, 1);
            min -= pad;
            max += pad;
            var builder = new StringBuilder(visible * 12);
            for (var i = 0; i < _count; i++)
            {
                var index = (_start + i) % Capacity;
                if (_ticks[index] < from || _ticks[index] > to)
                {
                    continue;
                }

                var x = (_ticks[index] - from) / (double)Window.Ticks * width;
                var y = (1 - ((_values[index] - min) / (max - min))) * height;
                builder.Append(builder.Length == 0 ? 'M' : 'L')
                    .Append(x.ToString("0.#", CultureInfo.InvariantCulture))
                    .Append(',')
                    .Append(y.ToString("0.#", CultureInfo.InvariantCulture));
            }

            return Cache(to, width, height, builder.ToString());
        }
    }

    private string Cache(long to, double width, double height, string path)
    {
        _cachedTo = to;
        _cachedVersion = _version;
        _cachedSize = (width, height);
        _cachedPath = path;
        return path;
    }
}
