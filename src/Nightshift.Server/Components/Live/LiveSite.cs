using Nightshift.Core.Assets;

namespace Nightshift.Server.Components.Live;

/// <summary>A site of the overview with its time zone (UTC when the plant names none or an unknown one) and its bands. Immutable.</summary>
public sealed record LiveSite(AssetNode Node, TimeZoneInfo TimeZone, IReadOnlyList<LiveBand> Bands);
