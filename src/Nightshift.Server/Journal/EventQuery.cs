using Nightshift.Core.Assets;
using Nightshift.Core.Events;

namespace Nightshift.Server.Journal;

/// <summary>
/// What to read from the event journal of one tenant: events in [<see cref="From"/>, <see cref="To"/>) (UTC), of the
/// given kinds (all when empty), at or under <see cref="Asset"/> (all when null or the root), at most
/// <see cref="Limit"/> of them, older than <see cref="Before"/> when paging. Immutable.
/// </summary>
public sealed record EventQuery(string Tenant, DateTime From, DateTime To)
{
    public IReadOnlySet<EventKind> Kinds { get; init; } = new HashSet<EventKind>();

    public AssetPath? Asset { get; init; }

    public int Limit { get; init; } = 200;

    public EventCursor? Before { get; init; }
}
