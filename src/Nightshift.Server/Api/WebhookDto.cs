namespace Nightshift.Server.Api;

/// <summary>
/// One webhook in API responses: its id, name, URL, event kinds, the least urgent alarm priority it receives (1 urgent to
/// 4 low), its area prefix and alarm class (null for all), whether it is enabled and why not, when and by whom it was
/// created (UTC). <see cref="Secret"/> is only set in the answer to its creation.
/// </summary>
public sealed record WebhookDto(
    long Id,
    string Name,
    string Url,
    IReadOnlyList<string> Kinds,
    int MaxPriority,
    string? Area,
    string? Class,
    bool Enabled,
    string? DisabledReason,
    DateTime CreatedAt,
    string CreatedBy,
    string? Secret = null);
