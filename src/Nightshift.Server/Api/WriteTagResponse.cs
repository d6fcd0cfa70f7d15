namespace Nightshift.Server.Api;

/// <summary>
/// How a write ended: <c>confirmed</c> (the device reported the written value back), <c>notConfirmed</c> (it took the
/// write but reported another value, or nothing, in time) or <c>refused</c> (with the reason); the read-back value and
/// its time when the device reported one.
/// </summary>
public sealed record WriteTagResponse(string Outcome, object? ReadBack, DateTime? ReadBackAt, string? Quality, string? Error);
