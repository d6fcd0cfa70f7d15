namespace Nightshift.Server.Oee;

/// <summary>
/// How OEE reads the plant. <see cref="PlantSpeed"/> is how many times faster than the wall clock the plant produces:
/// 1 for a real plant; the simulator's <c>--speed</c> for an accelerated virtual plant, whose samples carry wall-clock
/// times while its machines make that many times more units per second. Ideal cycle times are divided by it, so
/// performance stays comparable. Immutable.
/// </summary>
public sealed record OeeOptions
{
    /// <summary>The plant's speed relative to the wall clock (greater than 0; default 1).</summary>
    public double PlantSpeed { get; init; } = 1;
}
