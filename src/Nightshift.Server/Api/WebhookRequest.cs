namespace Nightshift.Server.Api;

/// <summary>
/// The body of <c>POST /api/v1/webhooks</c> and <c>PUT /api/v1/webhooks/{id}</c>: name and URL required; the secret is
/// generated when left out on create and kept when left out on update; kinds of <c>alarm</c>, <c>stateChange</c>,
/// <c>command</c>; <c>maxPriority</c> 1 to 4 (default 4, all); <c>area</c> an asset path prefix; <c>class</c> an alarm class.
/// </summary>
public sealed record WebhookRequest(
    string? Name,
    string? Url,
    string? Secret,
    IReadOnlyList<string>? Kinds,
    int? MaxPriority,
    string? Area,
    string? Class,
    bool? Enabled);
