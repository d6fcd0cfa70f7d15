namespace Nightshift.Server.Live;

/// <summary>
/// What changed on one equipment: new tag values, and/or a new state or online flag. Pushed to the UI and to
/// SignalR clients of the tenant. <see cref="State"/> and <see cref="Online"/> are null when unchanged.
/// </summary>
public sealed record LiveUpdate(string Tenant, string Equipment, IReadOnlyList<LiveTagValue> Tags)
{
    public string? State { get; init; }

    public bool? Online { get; init; }
}
