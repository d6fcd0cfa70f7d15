using System.Diagnostics.CodeAnalysis;
using Nightshift.Core.Events;

namespace Nightshift.Server.Journal;

/// <summary>
/// The names of <see cref="EventKind"/>s as the API and the journal store them (stateChange, connectivity, alarm,
/// command, configuration, audit), and the kind of an audited action. Stateless and thread-safe.
/// </summary>
public static class EventKindNames
{
    /// <summary>Every kind's name, in the order of <see cref="EventKind"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<EventKind>().Select(Name)];

    public static string Name(EventKind kind) => kind switch
    {
        EventKind.StateChange => "stateChange",
        EventKind.Connectivity => "connectivity",
        EventKind.Alarm => "alarm",
        EventKind.Command => "command",
        EventKind.Configuration => "configuration",
        _ => "audit",
    };

    /// <summary>Reads a kind's name (case-insensitive).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out EventKind? kind)
    {
        foreach (var candidate in Enum.GetValues<EventKind>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = null;
        return false;
    }

    /// <summary>
    /// The kind of an audited action: operators' commands (<c>alarm.*</c>, <c>command.*</c>) are commands, changes of
    /// users, keys, connectors and the model are configuration, and sign-ins and the rest are audit.
    /// </summary>
    public static EventKind OfAuditAction(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var area = action.Split('.')[0];
        return area switch
        {
            "alarm" or "command" or "order" or "downtime" => EventKind.Command,
            "user" or "apikey" or "connector" or "asset" or "plant" or "config" or "webhook" => EventKind.Configuration,
            _ => EventKind.Audit,
        };
    }
}
