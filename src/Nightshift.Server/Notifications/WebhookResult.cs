namespace Nightshift.Server.Notifications;

/// <summary>The outcome of a request to the <see cref="WebhookRegistry"/>, with its value when done or the reason when not. Immutable.</summary>
public sealed record WebhookResult<T>(WebhookOutcome Outcome, T? Value, string? Reason);
