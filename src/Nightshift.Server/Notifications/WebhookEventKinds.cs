namespace Nightshift.Server.Notifications;

/// <summary>
/// The kinds of events a webhook can receive, by the names the API uses: <c>alarm</c> (every alarm transition),
/// <c>stateChange</c> (an equipment's state) and <c>command</c> (an operator's command on an alarm: acknowledge, shelve,
/// unshelve, reset). Stateless and thread-safe.
/// </summary>
public static class WebhookEventKinds
{
    public const string Alarm = "alarm";
    public const string StateChange = "stateChange";
    public const string Command = "command";

    public static IReadOnlyList<string> All { get; } = [Alarm, StateChange, Command];

    /// <summary>The canonical name of a kind (case-insensitive), or null when there is no such kind.</summary>
    public static string? Normalize(string? name) =>
        All.FirstOrDefault(k => string.Equals(k, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a stored comma-separated list.</summary>
    public static IReadOnlyList<string> Split(string? kinds) =>
        [.. (kinds ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Normalize).OfType<string>().Distinct(StringComparer.Ordinal)];
}
