using Nightshift.Core.Assets;
using Nightshift.Core.Samples;

namespace Nightshift.Historian.Compression;

/// <summary>
/// The compression of one series' samples before they are written (<see cref="TagCompression"/>): double and long
/// samples of Good quality go through a <see cref="DeadbandFilter"/> or a <see cref="SwingingDoorFilter"/>; any other
/// sample (bool, string, no value, NaN, not Good) and any sample not later than the one before it is stored as it is,
/// after the point the swinging door holds back, and the filter starts over after it. Lossless with
/// <see cref="CompressionKind.None"/>. A mutable struct: keep it in an array and call it by reference. Not thread-safe;
/// allocation-free.
/// </summary>
public struct SampleCompressor
{
    private DeadbandFilter _deadband;
    private SwingingDoorFilter _door;
    private Sample _held;
    private long _lastTicks;
    private bool _hasLast;

    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The maximum error is negative or not finite.</exception>
    public SampleCompressor(TagCompression settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        var interval = settings.MaxInterval ?? TimeSpan.Zero;
        _deadband = new DeadbandFilter(settings.MaxError, interval);
        _door = new SwingingDoorFilter(settings.MaxError, interval);
    }

    /// <summary>The settings this compressor applies; null for a default (unset) compressor, which stores everything.</summary>
    public readonly TagCompression? Settings { get; }

    /// <summary>Writes the samples to store now into <paramref name="output"/> (at most two, oldest first) and returns how many.</summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> holds fewer than two samples.</exception>
    public int Offer(in Sample sample, Span<Sample> output)
    {
        if (output.Length < 2)
        {
            throw new ArgumentException("the output must hold at least two samples", nameof(output));
        }

        var kind = Settings?.Kind ?? CompressionKind.None;
        if (kind == CompressionKind.None)
        {
            output[0] = sample;
            return 1;
        }

        var ticks = StorageTime.Floor(sample.Timestamp).Ticks;
        var value = sample.Value.AsDouble();
        var ordered = !_hasLast || ticks > _lastTicks;
        _hasLast = true;
        _lastTicks = ordered ? ticks : _lastTicks;
        if (!ordered || !IsCompressible(sample, value))
        {
            var count = TryTakeHeld(out output[0]) ? 1 : 0;
            _deadband.Reset();
            output[count] = sample;
            return count + 1;
        }

        if (kind == CompressionKind.Deadband)
        {
            output[0] = sample;
            return _deadband.Offer(ticks, value) ? 1 : 0;
        }

        switch (_door.Offer(ticks, value))
        {
            case DoorDecision.None:
                _held = sample;
                return 0;
            case DoorDecision.Held:
                output[0] = _held;
                _held = sample;
                return 1;
            case DoorDecision.HeldAndCurrent:
                output[0] = _held;
                output[1] = sample;
                _held = default;
                return 2;
            default:
                output[0] = sample;
                return 1;
        }
    }

    /// <summary>Takes out the sample the swinging door holds back, to store it now (e.g. on shutdown); the filter starts over.</summary>
    public bool TryTakeHeld(out Sample held)
    {
        held = _held;
        _held = default;
        return _door.TryTakeHeld(out _, out _);
    }

    private static bool IsCompressible(in Sample sample, double value) =>
        sample.Value.Kind is ValueKind.Double or ValueKind.Long && sample.Quality.IsGood && double.IsFinite(value);
}
