using Nightshift.Core.Events;

namespace Nightshift.Server.Journal;

/// <summary>One page of the event journal, newest first, and the cursor of the next page (null on the last). Immutable.</summary>
public sealed record EventPage(IReadOnlyList<PlantEvent> Events, EventCursor? Next);
