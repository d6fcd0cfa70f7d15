using Nightshift.Core.Assets;

namespace Nightshift.Server.Components.Live;

/// <summary>
/// A band of the overview: the equipment of one line (or of one parent node where there is no line level),
/// with the display names of the levels between the site and the band (e.g. area, line). Immutable.
/// </summary>
public sealed record LiveBand(AssetNode Node, IReadOnlyList<string> Trail, IReadOnlyList<LiveEquipment> Equipment);
