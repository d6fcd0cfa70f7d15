using System.Security.Claims;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Alarms;

/// <summary>
/// The operator's commands on alarms as every entry point runs them (the REST API and the control-room console): the
/// role is checked (operator or more), the input validated, the command applied by the <see cref="AlarmService"/> in the
/// caller's tenant, and a command that was done written to the audit log (<c>alarm.ack</c>, <c>alarm.shelve</c>,
/// <c>alarm.unshelve</c>, <c>alarm.reset</c>). A caller never has to trust a check made by a page or a route before it.
/// Thread-safe (stateless beyond the thread-safe services it uses).
/// </summary>
/// <remarks>
/// The outcome says what happened: done, not found, refused by the life cycle, forbidden, or invalid input. Only storage
/// failures of the audit log throw (whatever the database throws), and <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class AlarmCommands
{
    /// <summary>The longest shelve an operator may set, in minutes (8 hours: one shift).</summary>
    public const int MaxShelveMinutes = 480;

    /// <summary>The longest comment or reason, in characters.</summary>
    public const int MaxTextLength = 500;

    private readonly AlarmService _alarms;
    private readonly AuditLog _audit;

    public AlarmCommands(AlarmService alarms, AuditLog audit)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(audit);
        _alarms = alarms;
        _audit = audit;
    }

    /// <summary>The shelve durations the console offers, in minutes.</summary>
    public static IReadOnlyList<int> ShelveChoices { get; } = [15, 30, 60, 120, 480];

    /// <summary>Whether <paramref name="user"/> may acknowledge, shelve, unshelve and reset alarms: signed in with a tenant, operator or more.</summary>
    public static bool MayCommand(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
        && user.FindFirstValue(NightshiftClaims.Tenant) is not null
        && Roles.AtLeast(Roles.Operator).Any(user.IsInRole);

    /// <summary>Acknowledges an alarm (B → C, D → A) with an optional comment.</summary>
    public Task<AlarmCommandResult> AcknowledgeAsync(ClaimsPrincipal user, string id, string? comment, CancellationToken cancellationToken) =>
        RunAsync(user, id, "alarm.ack", TooLong(comment, "comment"), Details(id, comment), (tenant, who) => _alarms.Acknowledge(tenant, id, who, Blank(comment)), cancellationToken);

    /// <summary>Shelves an alarm for 1 to <see cref="MaxShelveMinutes"/> minutes from now; the reason is required.</summary>
    public Task<AlarmCommandResult> ShelveAsync(ClaimsPrincipal user, string id, string? reason, int minutes, CancellationToken cancellationToken)
    {
        var invalid = string.IsNullOrWhiteSpace(reason) ? "'reason' is required to shelve an alarm"
            : TooLong(reason, "reason")
            ?? (minutes is > 0 and <= MaxShelveMinutes ? null : $"'minutes' must be from 1 to {MaxShelveMinutes}");
        return RunAsync(
            user,
            id,
            "alarm.shelve",
            invalid,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id} for {minutes} min: {reason}"),
            (tenant, who) => _alarms.Shelve(tenant, id, who, reason!, TimeSpan.FromMinutes(minutes)),
            cancellationToken);
    }

    /// <summary>Ends a shelve before its time, with an optional comment.</summary>
    public Task<AlarmCommandResult> UnshelveAsync(ClaimsPrincipal user, string id, string? comment, CancellationToken cancellationToken) =>
        RunAsync(user, id, "alarm.unshelve", TooLong(comment, "comment"), Details(id, comment), (tenant, who) => _alarms.Unshelve(tenant, id, who, Blank(comment)), cancellationToken);

    /// <summary>Resets an acknowledged latched alarm whose condition cleared, with an optional comment.</summary>
    public Task<AlarmCommandResult> ResetAsync(ClaimsPrincipal user, string id, string? comment, CancellationToken cancellationToken) =>
        RunAsync(user, id, "alarm.reset", TooLong(comment, "comment"), Details(id, comment), (tenant, who) => _alarms.Reset(tenant, id, who, Blank(comment)), cancellationToken);

    private async Task<AlarmCommandResult> RunAsync(
        ClaimsPrincipal user,
        string id,
        string action,
        string? invalid,
        string details,
        Func<string, string, AlarmCommandResult> command,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!MayCommand(user))
        {
            return new AlarmCommandResult(AlarmCommandOutcome.Forbidden, null, "acknowledging, shelving and resetting alarms needs the operator role or more");
        }

        if (invalid is not null)
        {
            return new AlarmCommandResult(AlarmCommandOutcome.Invalid, null, invalid);
        }

        var tenant = user.Tenant();
        var actor = user.Actor();
        var result = command(tenant, actor);
        if (result.Outcome == AlarmCommandOutcome.Done)
        {
            await _audit.WriteAsync(tenant, actor, action, details, cancellationToken);
        }

        return result;
    }

    private static string? TooLong(string? text, string field) =>
        text is { Length: > MaxTextLength } ? $"'{field}' must be at most {MaxTextLength} characters" : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Details(string id, string? comment) => string.IsNullOrWhiteSpace(comment) ? id : id + ": " + comment;
}
