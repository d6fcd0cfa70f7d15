using Nightshift.Core.Assets;
using Nightshift.Core.Oee;

namespace Nightshift.Server.Oee;

/// <summary>
/// What OEE needs of one production equipment over a query's range: its node, when it first reported its state if that
/// was inside the range (<see cref="Since"/>; before it nothing is counted), its site's shift calendar, its state
/// intervals with operators' re-classifications applied (and the ones moved to planned downtime as planned stops), its
/// good and scrap units per minute and the readings of its product tag. Immutable once built.
/// </summary>
internal sealed record EquipmentHistory(
    AssetNode Node,
    DateTime Since,
    ShiftCalendar Calendar,
    IReadOnlyList<StateInterval> Intervals,
    IReadOnlyList<PlannedInterval> PlannedStops,
    IReadOnlyList<CounterIncrement> Good,
    IReadOnlyList<CounterIncrement> Scrap,
    IReadOnlyList<CodeReading> Products)
{
    /// <summary>Who re-classified an interval, by its start.</summary>
    public IReadOnlyDictionary<DateTime, string> ReclassifiedBy { get; init; } = new Dictionary<DateTime, string>();
}
