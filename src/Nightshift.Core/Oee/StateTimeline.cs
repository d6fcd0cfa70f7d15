using Nightshift.Core.Assets;

namespace Nightshift.Core.Oee;

/// <summary>
/// Builds an equipment's state intervals from the readings of its state tag (and of its fault code tag, if it has one),
/// for <see cref="OeeCalculator"/>. Pure and thread-safe.
/// </summary>
/// <remarks>
/// Each reading starts an interval of its state that lasts until the next reading of another state; repeated readings
/// of the same state extend it. The last interval lasts until <c>end</c>. A reading without a state (Bad quality) and a
/// state the model does not know count as <c>Offline</c> (category Offline): unplanned downtime, not a failure. Intervals
/// keep their true start even before the window, so that an interval has the same identity (equipment and start) in
/// every window that shows it; the calculator clips them. A Down interval takes as its reason the first fault code read
/// while it lasted or at most <see cref="CodeLead"/> before it began (a device may send the code just before the state);
/// without one its reason is the state's name. A code read long before (a stale code of an earlier fault) does not count.
/// </remarks>
public static class StateTimeline
{
    /// <summary>The name of the state of an equipment whose state reading carried no value.</summary>
    public const string Offline = "Offline";

    /// <summary>How long before a Down interval a fault code read still belongs to it.</summary>
    public static readonly TimeSpan CodeLead = TimeSpan.FromSeconds(5);

    /// <summary>Builds the intervals up to <paramref name="end"/> (UTC).</summary>
    /// <param name="model">The equipment's state model (names to categories).</param>
    /// <param name="readings">The state readings, oldest first; include the last one before the window so that its start is known.</param>
    /// <param name="codes">The fault code readings, oldest first (empty when the equipment has no fault code tag).</param>
    /// <param name="end">Where the last interval ends (the window's end, or now when earlier).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<StateInterval> Build(StateModel model, IReadOnlyList<StateReading> readings, IReadOnlyList<CodeReading> codes, DateTime end)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(codes);
        var spans = new List<(string State, StateCategory Category, DateTime Start)>();
        foreach (var reading in readings)
        {
            if (reading.Timestamp >= end)
            {
                break;
            }

            var definition = model.Find(reading.State);
            var name = definition?.Name ?? Offline;
            var category = definition?.Category ?? StateCategory.Offline;
            if (spans.Count > 0 && string.Equals(spans[^1].State, name, StringComparison.Ordinal))
            {
                continue;
            }

            if (spans.Count > 0 && reading.Timestamp < spans[^1].Start)
            {
                continue; // out of order: ignored, as the twin ignores an older sample
            }

            spans.Add((name, category, reading.Timestamp));
        }

        var intervals = new List<StateInterval>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            var (state, category, start) = spans[i];
            var stop = i + 1 < spans.Count ? spans[i + 1].Start : end;
            if (stop <= start)
            {
                continue;
            }

            var interval = new StateInterval(state, category, start, stop);
            if (category == StateCategory.Down && FaultCode(codes, start, stop) is { } code)
            {
                interval = interval with { ReasonCode = code };
            }

            intervals.Add(interval);
        }

        return intervals;
    }

    /// <summary>Whether a fault code reading names a fault.</summary>
    public static bool IsFault(string? code) => !string.IsNullOrWhiteSpace(code) && code != "0";

    private static string? FaultCode(IReadOnlyList<CodeReading> codes, DateTime start, DateTime stop)
    {
        var from = start - CodeLead;
        foreach (var reading in codes)
        {
            if (reading.Timestamp >= stop)
            {
                break;
            }

            if (reading.Timestamp >= from && IsFault(reading.Code))
            {
                return reading.Code!.Trim();
            }
        }

        return null;
    }
}
