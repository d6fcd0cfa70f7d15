namespace Nightshift.Historian.Compression;

/// <summary>
/// Absolute deadband on one series: a value is stored when it differs from the last stored value by more than
/// <c>maxError</c>, or when <c>maxInterval</c> has passed since the last stored sample; otherwise it is dropped. Read
/// back with step interpolation (the last stored value holds), every dropped value is within <c>maxError</c>.
/// A mutable struct: keep it in a field or an array and call it by reference. Not thread-safe; allocation-free.
/// </summary>
public struct DeadbandFilter
{
    private readonly double _maxError;
    private readonly long _maxIntervalTicks;
    private bool _hasStored;
    private long _storedTicks;
    private double _storedValue;

    /// <param name="maxError">The largest change that is dropped, in the unit of the series; zero or positive.</param>
    /// <param name="maxInterval">Store at least this often while values come; zero or negative: no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxError"/> is negative or not finite.</exception>
    public DeadbandFilter(double maxError, TimeSpan maxInterval)
    {
        if (!(maxError >= 0) || double.IsInfinity(maxError))
        {
            throw new ArgumentOutOfRangeException(nameof(maxError), maxError, "the maximum error must be zero or positive");
        }

        _maxError = maxError;
        _maxIntervalTicks = Math.Max(0, maxInterval.Ticks);
    }

    /// <summary>True when the value at <paramref name="ticks"/> must be stored; it then becomes the reference.</summary>
    public bool Offer(long ticks, double value)
    {
        if (_hasStored
            && ticks > _storedTicks
            && Math.Abs(value - _storedValue) <= _maxError
            && (_maxIntervalTicks == 0 || ticks - _storedTicks < _maxIntervalTicks))
        {
            return false;
        }

        _hasStored = true;
        _storedTicks = ticks;
        _storedValue = value;
        return true;
    }

    /// <summary>Forgets the reference: the next value is stored.</summary>
    public void Reset() => _hasStored = false;
}
