namespace Nightshift.Server.Api;

/// <summary>A page of events, newest first, and the cursor to pass as <c>before</c> for the next (older) page; null on the last page.</summary>
public sealed record EventsResponse(IReadOnlyList<EventDto> Events, string? Next);
