using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Oee;

/// <summary>
/// Re-classifies downtime intervals as every entry point runs it (the REST API and the OEE dashboard): the role is
/// checked (operator or more), the input validated, the interval looked up in the history of the caller's tenant, the
/// re-classification stored (one per interval, the latest wins) and written to the audit log (<c>downtime.reason</c>),
/// which also journals it. Thread-safe.
/// </summary>
/// <remarks>Only storage failures throw (whatever the database throws), and <see cref="OperationCanceledException"/>.</remarks>
public sealed class DowntimeCommands
{
    /// <summary>The longest reason code, in characters.</summary>
    public const int MaxReasonLength = 64;

    /// <summary>The longest reason text, in characters.</summary>
    public const int MaxTextLength = 200;

    private readonly OeeService _oee;
    private readonly IDbContextFactory<MetadataDbContext> _contexts;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;

    public DowntimeCommands(OeeService oee, IDbContextFactory<MetadataDbContext> contexts, AuditLog audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(oee);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _oee = oee;
        _contexts = contexts;
        _audit = audit;
        _time = time;
    }

    /// <summary>Whether <paramref name="user"/> may re-classify downtime and run orders: signed in with a tenant, operator or more.</summary>
    public static bool MayCommand(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
        && user.FindFirstValue(NightshiftClaims.Tenant) is not null
        && Roles.AtLeast(Roles.Operator).Any(user.IsInRole);

    /// <summary>
    /// Gives the downtime interval <paramref name="id"/> the reason <paramref name="reason"/> (a code, 1 to
    /// <see cref="MaxReasonLength"/> characters) with an optional text; <paramref name="planned"/> moves it to planned downtime.
    /// </summary>
    public async Task<DowntimeCommandResult> ReclassifyAsync(ClaimsPrincipal user, string id, string? reason, string? text, bool planned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!MayCommand(user))
        {
            return new(ProductionCommandOutcome.Forbidden, null, "re-classifying downtime needs the operator role or more");
        }

        reason = reason?.Trim();
        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var invalid = string.IsNullOrEmpty(reason) ? "'reason' is required"
            : reason.Length > MaxReasonLength ? $"'reason' must be at most {MaxReasonLength} characters"
            : reason.Any(char.IsControl) ? "'reason' must not contain control characters"
            : text is { Length: > MaxTextLength } ? $"'text' must be at most {MaxTextLength} characters"
            : null;
        if (invalid is not null)
        {
            return new(ProductionCommandOutcome.Invalid, null, invalid);
        }

        var tenant = user.Tenant();
        var actor = user.Actor();
        if (!DowntimeIds.TryParse(id, out var equipment, out var start)
            || await _oee.FindDowntimeStartAsync(tenant, equipment, start, cancellationToken) is not { } state)
        {
            return new(ProductionCommandOutcome.NotFound, null, $"no downtime interval '{id}'");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            var entry = await db.DowntimeReclassifications
                .SingleOrDefaultAsync(r => r.Tenant == tenant && r.Equipment == equipment.Value && r.Start == start, cancellationToken);
            if (entry is null)
            {
                entry = new DowntimeReclassificationEntry { Tenant = tenant, Equipment = equipment.Value, Start = start, Reason = reason!, Who = actor };
                db.DowntimeReclassifications.Add(entry);
            }

            entry.Reason = reason!;
            entry.ReasonText = text;
            entry.Planned = planned;
            entry.Who = actor;
            entry.Timestamp = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        var details = $"{id} ({state}): {reason}" + (text is null ? string.Empty : " - " + text) + (planned ? " [planned]" : string.Empty);
        await _audit.WriteAsync(tenant, actor, "downtime.reason", details, cancellationToken);
        return new(ProductionCommandOutcome.Done, new DowntimeReclassification(id, state, reason!, text, planned, actor, now), null);
    }
}
