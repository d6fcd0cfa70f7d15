using Nightshift.Core.Assets;

namespace Nightshift.Server.Oee;

/// <summary>
/// One interval an equipment did not produce (any state but a productive one), as the downtime list and the Pareto show
/// it: its id (see <see cref="DowntimeIds"/>), equipment, state and category, its span [<see cref="Start"/>,
/// <see cref="End"/>) (UTC; <see cref="Open"/> when it reaches the end of the queried range, so it may still last), the part of it inside planned busy time of the queried
/// window (<see cref="Lost"/>), its reason (the operator's, else the fault code, else the state's name) and, when an
/// operator re-classified it, who did and whether it was moved to planned downtime. Immutable.
/// </summary>
public sealed record DowntimeInterval(
    string Id,
    AssetPath Equipment,
    string State,
    StateCategory Category,
    DateTime Start,
    DateTime End,
    bool Open,
    TimeSpan Lost,
    string Reason,
    string? ReasonText,
    bool Planned,
    string? ReclassifiedBy);
