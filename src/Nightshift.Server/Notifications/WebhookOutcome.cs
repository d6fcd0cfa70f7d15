namespace Nightshift.Server.Notifications;

/// <summary>What became of a request to the <see cref="WebhookRegistry"/>.</summary>
public enum WebhookOutcome
{
    Done,
    NotFound,
    Invalid,
    Forbidden,
}
