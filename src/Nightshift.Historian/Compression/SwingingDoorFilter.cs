namespace Nightshift.Historian.Compression;

/// <summary>
/// Swinging-door compression of one series with a guaranteed maximum error: read back with linear interpolation
/// between stored points, every dropped point is within <c>maxError</c>.
/// </summary>
/// <remarks>
/// Design: after the last stored point A, every later point p constrains the slope of a line from A to within
/// <c>[(p − A − E) / Δt, (p − A + E) / Δt]</c> (the classic "doors" pivoting at A ± E). The newest point is held back.
/// A new point q replaces the held one when the slope A→q lies inside the intersection of the constraints of all points
/// since A: then the straight line A→q passes within E of each of them. Otherwise the held point is stored, becomes A,
/// and q is held. (The textbook variant stores the held point as soon as the doors cross, which can leave a dropped
/// point slightly more than E from the line through the held point; testing the candidate's own slope closes that gap.)
/// With <c>maxInterval</c>, a point that comes that long or longer after A is stored together with the held one.
/// A mutable struct: keep it in a field or an array and call it by reference. Not thread-safe; allocation-free.
/// </remarks>
public struct SwingingDoorFilter
{
    private readonly double _maxError;
    private readonly long _maxIntervalTicks;
    private bool _hasStored;
    private long _storedTicks;
    private double _storedValue;
    private bool _hasHeld;
    private long _heldTicks;
    private double _heldValue;
    private double _low;
    private double _high;

    /// <param name="maxError">The largest distance of a dropped point from the line, in the unit of the series; zero or positive.</param>
    /// <param name="maxInterval">Store at least this often while points come; zero or negative: no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxError"/> is negative or not finite.</exception>
    public SwingingDoorFilter(double maxError, TimeSpan maxInterval)
    {
        if (!(maxError >= 0) || double.IsInfinity(maxError))
        {
            throw new ArgumentOutOfRangeException(nameof(maxError), maxError, "the maximum error must be zero or positive");
        }

        _maxError = maxError;
        _maxIntervalTicks = Math.Max(0, maxInterval.Ticks);
    }

    /// <summary>True while a point is held back (it is not stored yet).</summary>
    public readonly bool HasHeld => _hasHeld;

    /// <summary>The time (ticks) of the held point; meaningful only while <see cref="HasHeld"/>.</summary>
    public readonly long HeldTicks => _heldTicks;

    /// <summary>
    /// Offers the next point, later than every point before it. Returns what to store now: <see cref="DoorDecision.None"/>
    /// (the point is held), <see cref="DoorDecision.Held"/> (store the point held until now; the new one is held),
    /// <see cref="DoorDecision.Current"/> (store the new point), or <see cref="DoorDecision.HeldAndCurrent"/> (both, held first).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ticks"/> is not later than the last point offered.</exception>
    public DoorDecision Offer(long ticks, double value)
    {
        if (!_hasStored)
        {
            Store(ticks, value);
            return DoorDecision.Current;
        }

        var last = _hasHeld ? _heldTicks : _storedTicks;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ticks, last);
        if (_maxIntervalTicks > 0 && ticks - _storedTicks >= _maxIntervalTicks)
        {
            var hadHeld = _hasHeld;
            Store(ticks, value);
            return hadHeld ? DoorDecision.HeldAndCurrent : DoorDecision.Current;
        }

        if (!_hasHeld)
        {
            Hold(ticks, value, double.NegativeInfinity, double.PositiveInfinity);
            return DoorDecision.None;
        }

        var dt = (double)(ticks - _storedTicks);
        var slope = (value - _storedValue) / dt;
        if (slope >= _low && slope <= _high)
        {
            Hold(ticks, value, _low, _high);
            return DoorDecision.None;
        }

        Store(_heldTicks, _heldValue);
        Hold(ticks, value, double.NegativeInfinity, double.PositiveInfinity);
        return DoorDecision.Held;
    }

    /// <summary>Takes the held point out (to store it, e.g. before a sample that is not compressed); the filter starts over.</summary>
    public bool TryTakeHeld(out long ticks, out double value)
    {
        ticks = _heldTicks;
        value = _heldValue;
        var had = _hasHeld;
        Reset();
        return had;
    }

    /// <summary>Forgets everything: the next point is stored.</summary>
    public void Reset()
    {
        _hasStored = false;
        _hasHeld = false;
    }

    private void Store(long ticks, double value)
    {
        _hasStored = true;
        _storedTicks = ticks;
        _storedValue = value;
        _hasHeld = false;
    }

    private void Hold(long ticks, double value, double low, double high)
    {
        var dt = (double)(ticks - _storedTicks);
        _hasHeld = true;
        _heldTicks = ticks;
        _heldValue = value;
        _low = Math.Max(low, (value - _storedValue - _maxError) / dt);
        _high = Math.Min(high, (value - _storedValue + _maxError) / dt);
    }
}
