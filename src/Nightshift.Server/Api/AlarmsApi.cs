using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Alarms;
using Nightshift.Server.Alarms;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Api;

/// <summary>
/// The alarms of the caller's tenant: list, acknowledge, shelve, unshelve, reset, and ISA-18.2 KPIs. Reading needs any
/// role; commands need operator or more (checked by the route and again by <see cref="AlarmCommands"/>, which also
/// validates and audits them). A command the life cycle refuses gets 409 with the reason.
/// </summary>
public static class AlarmsApi
{
    /// <summary>The longest shelve an operator may set, in minutes (8 hours: one shift).</summary>
    public const int MaxShelveMinutes = AlarmCommands.MaxShelveMinutes;

    /// <summary>The longest comment or reason, in characters.</summary>
    public const int MaxTextLength = AlarmCommands.MaxTextLength;

    public static IEndpointRouteBuilder MapAlarmsApi(this IEndpointRouteBuilder routes)
    {
        var alarms = routes.MapGroup("/api/v1/alarms");
        alarms.MapGet(string.Empty, List).WithName("ListAlarms")
            .WithSummary("The alarms of the tenant: state=active (default: waiting for the operator, shelved, or with an active condition) or state=all.")
            .Produces<IReadOnlyList<AlarmDto>>().ProducesProblem(StatusCodes.Status400BadRequest);
        alarms.MapGet("/kpis", KpisAsync).WithName("GetAlarmKpis")
            .WithSummary("ISA-18.2 alarm KPIs over [from, to) (default: the last 24 hours): rates per position, floods, chattering, standing, bad actors, priorities.")
            .Produces<AlarmKpiReport>().ProducesProblem(StatusCodes.Status400BadRequest);

        var operators = routes.MapGroup("/api/v1/alarms").RequireAuthorization(policy => policy.RequireRole(Roles.AtLeast(Roles.Operator)));
        operators.MapPost("/{id}/ack", AcknowledgeAsync).WithName("AcknowledgeAlarm").WithSummary("Acknowledges an alarm, with an optional comment.")
            .Produces<AlarmDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        operators.MapPost("/{id}/shelve", ShelveAsync).WithName("ShelveAlarm").WithSummary("Shelves an alarm for 1 to 480 minutes, with a reason.")
            .Produces<AlarmDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        operators.MapPost("/{id}/unshelve", UnshelveAsync).WithName("UnshelveAlarm").WithSummary("Ends a shelve before its time.")
            .Produces<AlarmDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        operators.MapPost("/{id}/reset", ResetAsync).WithName("ResetAlarm").WithSummary("Resets an acknowledged latched alarm whose condition cleared.")
            .Produces<AlarmDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    public static AlarmDto ToDto(AlarmSnapshot alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var definition = alarm.Definition;
        return new AlarmDto(
            alarm.Id,
            alarm.Equipment,
            definition.Tag,
            KindName(definition.Kind),
            definition.Priority.ToString().ToLowerInvariant(),
            definition.Class,
            alarm.State.ToString(),
            alarm.ConditionActive,
            alarm.Since,
            definition.Message,
            alarm.Shelve?.Until,
            alarm.Shelve?.Who,
            alarm.Shelve?.Reason);
    }

    private static IResult List(string? state, HttpContext context, AlarmService service)
    {
        var all = state switch
        {
            null or "" or "active" => false,
            "all" => true,
            _ => (bool?)null,
        };
        if (all is null)
        {
            return ApiErrors.BadRequest("alarms_invalid", "'state' must be active or all");
        }

        var alarms = service.List(context.User.Tenant());
        return Results.Ok(alarms.Where(a => all.Value || a.IsActive).Select(ToDto).ToList());
    }

    private static async Task<IResult> KpisAsync(string? from, string? to, HttpContext context, AlarmService service, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!QueryTime.TryParse(to, now, out var end, out var error) || !QueryTime.TryParse(from, end.AddDays(-1), out var start, out error))
        {
            return ApiErrors.BadRequest("alarms_invalid", error);
        }

        if (end <= start)
        {
            return ApiErrors.BadRequest("alarms_invalid", "'to' must be after 'from'");
        }

        return Results.Ok(await service.ComputeKpisAsync(context.User.Tenant(), start, end, context.RequestAborted));
    }

    private static async Task<IResult> AcknowledgeAsync(string id, AlarmAckRequest? request, HttpContext context, AlarmCommands commands) =>
        Respond(await commands.AcknowledgeAsync(context.User, id, request?.Comment, context.RequestAborted));

    private static async Task<IResult> ShelveAsync(string id, AlarmShelveRequest? request, HttpContext context, AlarmCommands commands) =>
        Respond(await commands.ShelveAsync(context.User, id, request?.Reason, request?.Minutes ?? 0, context.RequestAborted));

    private static async Task<IResult> UnshelveAsync(string id, AlarmAckRequest? request, HttpContext context, AlarmCommands commands) =>
        Respond(await commands.UnshelveAsync(context.User, id, request?.Comment, context.RequestAborted));

    private static async Task<IResult> ResetAsync(string id, AlarmAckRequest? request, HttpContext context, AlarmCommands commands) =>
        Respond(await commands.ResetAsync(context.User, id, request?.Comment, context.RequestAborted));

    /// <summary>The HTTP answer to a command that <see cref="AlarmCommands"/> ran (and audited when done).</summary>
    private static IResult Respond(AlarmCommandResult result) => result.Outcome switch
    {
        AlarmCommandOutcome.Done => Results.Ok(ToDto(result.Alarm!)),
        AlarmCommandOutcome.NotFound => ApiErrors.NotFound(result.Reason!),
        AlarmCommandOutcome.Invalid => ApiErrors.BadRequest("alarms_invalid", result.Reason!),
        AlarmCommandOutcome.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Reason),
        _ => ApiErrors.Conflict(result.Reason!),
    };

    private static string KindName(AlarmKind kind) => kind switch
    {
        AlarmKind.High => "high",
        AlarmKind.HighHigh => "highHigh",
        AlarmKind.Low => "low",
        AlarmKind.LowLow => "lowLow",
        AlarmKind.RateOfChange => "rateOfChange",
        AlarmKind.Deviation => "deviation",
        AlarmKind.Digital => "digital",
        AlarmKind.Stale => "stale",
        _ => "commLoss",
    };
}
