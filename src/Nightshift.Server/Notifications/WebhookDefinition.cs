namespace Nightshift.Server.Notifications;

/// <summary>
/// What an administrator sets on a webhook (the API's request body and the page's form): a name, the receiver's URL
/// (absolute http or https), the secret (null on create to have one generated, null on update to keep it), the event
/// kinds, the least urgent alarm priority (1–4), an area path prefix and an alarm class (null or empty for all), and
/// whether it is enabled (null keeps it as it is; a new webhook is enabled). Immutable.
/// </summary>
public sealed record WebhookDefinition(
    string? Name,
    string? Url,
    string? Secret,
    IReadOnlyList<string>? Kinds,
    int? MaxPriority,
    string? Area,
    string? Class,
    bool? Enabled);
