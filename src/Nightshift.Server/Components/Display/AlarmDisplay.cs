using Nightshift.Core.Alarms;
using Nightshift.Server.Alarms;

namespace Nightshift.Server.Components.Display;

/// <summary>
/// How the alarm console orders, labels and colours alarms, and which commands it offers for an alarm's state. Pure and
/// thread-safe: the life cycle and the role are checked again by <see cref="AlarmCommands"/> when a command is run.
/// </summary>
public static class AlarmDisplay
{
    /// <summary>
    /// The console's order: priority first (urgent before low), then the newest change first, then the id (so that
    /// alarms changed at the same instant keep their place between renders).
    /// </summary>
    public static int Compare(AlarmSnapshot? x, AlarmSnapshot? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var byPriority = ((int)x.Definition.Priority).CompareTo((int)y.Definition.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byTime = y.Since.CompareTo(x.Since);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
    }

    /// <summary>The alarms the console lists: the active ones (<see cref="AlarmSnapshot.IsActive"/>) or all, in <see cref="Compare"/> order.</summary>
    public static List<AlarmSnapshot> Order(IEnumerable<AlarmSnapshot> alarms, bool all)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        var shown = alarms.Where(a => all || a.IsActive).ToList();
        shown.Sort(Compare);
        return shown;
    }

    /// <summary>Alarms that are active and not acknowledged (state B): the count on the navigation badge.</summary>
    public static int CountUnacknowledged(IEnumerable<AlarmSnapshot> alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        return alarms.Count(a => a.State == AlarmState.UnackActive);
    }

    /// <summary>The most urgent priority among the alarms waiting for the operator or active (hidden ones aside), or null when there is none.</summary>
    public static AlarmPriority? MostUrgent(IEnumerable<AlarmSnapshot> alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        AlarmPriority? most = null;
        foreach (var alarm in alarms)
        {
            if (IsAnnunciated(alarm.State) && (most is null || alarm.Definition.Priority < most))
            {
                most = alarm.Definition.Priority;
            }
        }

        return most;
    }

    /// <summary>Whether the state puts the alarm in front of the operator (B, C, D).</summary>
    public static bool IsAnnunciated(AlarmState state) => state is AlarmState.UnackActive or AlarmState.AckActive or AlarmState.UnackRtn;

    /// <summary>The CSS class of a priority: <c>prio-urgent</c> (red), <c>prio-high</c> (orange), <c>prio-medium</c> (yellow), <c>prio-low</c> (blue).</summary>
    public static string PriorityClass(AlarmPriority priority) => priority switch
    {
        AlarmPriority.Urgent => "prio-urgent",
        AlarmPriority.High => "prio-high",
        AlarmPriority.Medium => "prio-medium",
        _ => "prio-low",
    };

    /// <summary>The name of a priority for the operator.</summary>
    public static string PriorityLabel(AlarmPriority priority) => priority switch
    {
        AlarmPriority.Urgent => "Urgent",
        AlarmPriority.High => "High",
        AlarmPriority.Medium => "Medium",
        _ => "Low",
    };

    /// <summary>The name of a state for the operator.</summary>
    public static string StateLabel(AlarmState state) => state switch
    {
        AlarmState.Normal => "Normal",
        AlarmState.UnackActive => "Unacknowledged",
        AlarmState.AckActive => "Acknowledged",
        AlarmState.UnackRtn => "Returned, unack",
        AlarmState.Shelved => "Shelved",
        AlarmState.SuppressedByDesign => "Suppressed",
        _ => "Out of service",
    };

    /// <summary>The CSS class of a state badge, e.g. <c>alarm-state-unackactive</c>.</summary>
    public static string StateClass(AlarmState state) => "alarm-state-" + state.ToString().ToLowerInvariant();

    /// <summary>Whether the console offers to acknowledge the alarm: unacknowledged, active or returned (B, D).</summary>
    public static bool CanAcknowledge(AlarmSnapshot alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.State is AlarmState.UnackActive or AlarmState.UnackRtn;
    }

    /// <summary>Whether the console offers to shelve the alarm: it is not shelved already.</summary>
    public static bool CanShelve(AlarmSnapshot alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.Shelve is null && alarm.State != AlarmState.Shelved;
    }

    /// <summary>Whether the console offers to end the alarm's shelve.</summary>
    public static bool CanUnshelve(AlarmSnapshot alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.Shelve is not null || alarm.State == AlarmState.Shelved;
    }

    /// <summary>Whether the console offers to reset the alarm: latching, acknowledged, its condition clear.</summary>
    public static bool CanReset(AlarmSnapshot alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.Definition.Latching && alarm.State == AlarmState.AckActive && !alarm.ConditionActive;
    }

    /// <summary>A shelve duration choice for the operator: "15 min", "1 h", "8 h".</summary>
    public static string ShelveChoiceLabel(int minutes) =>
        minutes % 60 == 0 ? (minutes / 60).ToString(System.Globalization.CultureInfo.InvariantCulture) + " h"
            : minutes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " min";
}
