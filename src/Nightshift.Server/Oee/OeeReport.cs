using Nightshift.Core.Assets;
using Nightshift.Core.Oee;

namespace Nightshift.Server.Oee;

/// <summary>
/// The OEE of the production equipment at or under <see cref="Under"/> over [<see cref="From"/>, <see cref="To"/>)
/// (UTC; <see cref="To"/> is never after the time of the query): the total and the groups of <see cref="By"/>, each
/// rolled up per ISO 22400 (sums of times and counts, see <see cref="OeeRollup"/>). Immutable.
/// </summary>
public sealed record OeeReport(AssetPath Under, DateTime From, DateTime To, OeeGrouping By, int Equipment, OeeResult Total, IReadOnlyList<OeeGroup> Groups);
