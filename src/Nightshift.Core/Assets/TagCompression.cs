namespace Nightshift.Core.Assets;

/// <summary>
/// Lossy compression of a numeric tag's history with a stated maximum error, as plant historians offer: in the plant
/// file <c>compression: { kind: swingingdoor, maxError: 0.5, maxInterval: 10m }</c>. Every sample left out lies within
/// <see cref="MaxError"/> (in the unit of the tag) of what is read back: the last stored value for
/// <see cref="CompressionKind.Deadband"/>, the straight line between the stored samples around it for
/// <see cref="CompressionKind.SwingingDoor"/>. Immutable.
/// </summary>
/// <param name="Kind">The algorithm.</param>
/// <param name="MaxError">The largest difference allowed between a sample left out and its reconstruction; zero or positive.</param>
/// <param name="MaxInterval">When set, a sample is stored at least this often while samples keep coming.</param>
public sealed record TagCompression(CompressionKind Kind, double MaxError, TimeSpan? MaxInterval = null)
{
    /// <summary>Lossless: store every sample.</summary>
    public static TagCompression None { get; } = new(CompressionKind.None, 0);
}
