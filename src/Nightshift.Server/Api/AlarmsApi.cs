using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Alarms;
using Nightshift.Server.Alarms;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Api;

/// <summary>
/// The alarms of the caller's tenant: list, acknowledge, shelve, unshelve, reset, and ISA-18.2 KPIs. Reading needs any
/// role; commands need operator or more and are audited. A command the life cycle refuses gets 409 with the reason.
/// </summary>
public static class AlarmsApi
{
    /// <summary>The longest shelve an operator may set, in minutes (8 hours: one shift).</summary>
    public const int MaxShelveMinutes = 480;

    public const int MaxTextLength = 500;

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

    private static async Task<IResult> AcknowledgeAsync(string id, AlarmAckRequest? request, HttpContext context, AlarmService service, AuditLog audit)
    {
        if (TooLong(request?.Comment, "comment") is { } invalid)
        {
            return invalid;
        }

        var tenant = context.User.Tenant();
        var result = service.Acknowledge(tenant, id, context.User.Actor(), Blank(request?.Comment));
        return await RespondAsync(result, context, audit, "alarm.ack", Details(id, request?.Comment));
    }

    private static async Task<IResult> ShelveAsync(string id, AlarmShelveRequest? request, HttpContext context, AlarmService service, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            return ApiErrors.BadRequest("alarms_invalid", "'reason' is required to shelve an alarm");
        }

        if (TooLong(request.Reason, "reason") is { } invalid)
        {
            return invalid;
        }

        if (request.Minutes is not ({ } minutes and > 0 and <= MaxShelveMinutes))
        {
            return ApiErrors.BadRequest("alarms_invalid", $"'minutes' must be from 1 to {MaxShelveMinutes}");
        }

        var tenant = context.User.Tenant();
        var result = service.Shelve(tenant, id, context.User.Actor(), request.Reason, TimeSpan.FromMinutes(minutes));
        return await RespondAsync(result, context, audit, "alarm.shelve", $"{id} for {minutes} min: {request.Reason}");
    }

    private static async Task<IResult> UnshelveAsync(string id, AlarmAckRequest? request, HttpContext context, AlarmService service, AuditLog audit)
    {
        if (TooLong(request?.Comment, "comment") is { } invalid)
        {
            return invalid;
        }

        var result = service.Unshelve(context.User.Tenant(), id, context.User.Actor(), Blank(request?.Comment));
        return await RespondAsync(result, context, audit, "alarm.unshelve", Details(id, request?.Comment));
    }

    private static async Task<IResult> ResetAsync(string id, AlarmAckRequest? request, HttpContext context, AlarmService service, AuditLog audit)
    {
        if (TooLong(request?.Comment, "comment") is { } invalid)
        {
            return invalid;
        }

        var result = service.Reset(context.User.Tenant(), id, context.User.Actor(), Blank(request?.Comment));
        return await RespondAsync(result, context, audit, "alarm.reset", Details(id, request?.Comment));
    }

    private static async Task<IResult> RespondAsync(AlarmCommandResult result, HttpContext context, AuditLog audit, string action, string details)
    {
        switch (result.Outcome)
        {
            case AlarmCommandOutcome.NotFound:
                return ApiErrors.NotFound(result.Reason!);
            case AlarmCommandOutcome.Refused:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.Reason);
            default:
                await audit.WriteAsync(context.User.Tenant(), context.User.Actor(), action, details, context.RequestAborted);
                return Results.Ok(ToDto(result.Alarm!));
        }
    }

    private static IResult? TooLong(string? text, string field) =>
        text is { Length: > MaxTextLength } ? ApiErrors.BadRequest("alarms_invalid", $"'{field}' must be at most {MaxTextLength} characters") : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Details(string id, string? comment) => string.IsNullOrWhiteSpace(comment) ? id : id + ": " + comment;

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
