using Nightshift.Core.Assets;

namespace Nightshift.Core.Oee;

/// <summary>
/// A product the plant makes, with its ideal cycle time (the fastest a unit can be made, ISO 22400): one default and,
/// optionally, one per line or equipment (<see cref="IdealCycleTimes"/>, keyed by asset path). Immutable.
/// </summary>
public sealed record Product(string Id, string Name, TimeSpan? IdealCycleTime)
{
    /// <summary>Ideal cycle times for a line, a cell or an equipment (by asset path), overriding the default below it.</summary>
    public IReadOnlyDictionary<string, TimeSpan> IdealCycleTimes { get; init; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>
    /// The ideal cycle time on <paramref name="equipment"/>: the one given for the nearest of it and its ancestors, else
    /// the default; null when neither is given.
    /// </summary>
    public TimeSpan? IdealCycleTimeOn(AssetPath equipment)
    {
        ArgumentNullException.ThrowIfNull(equipment);
        for (var path = equipment; path is { Depth: > 0 }; path = path.Parent)
        {
            if (IdealCycleTimes.TryGetValue(path.Value, out var time))
            {
                return time;
            }
        }

        return IdealCycleTime;
    }
}
