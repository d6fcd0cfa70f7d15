using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;
using Nightshift.Server.Oee;

namespace Nightshift.Server.Api;

/// <summary>
/// Downtime intervals of the caller's tenant: <c>GET /api/v1/downtime</c> lists them (any role), <c>POST
/// /api/v1/downtime/{id}/reason</c> re-classifies one (operator or more; checked by the route and again by
/// <see cref="DowntimeCommands"/>, which validates and audits).
/// </summary>
public static class DowntimeApi
{
    /// <summary>The most intervals one list returns.</summary>
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapDowntimeApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/downtime", ListAsync).WithName("ListDowntime")
            .WithSummary("The intervals the production equipment at or under 'under' did not produce, overlapping [from, to) (default: the last 24 hours), newest first, with their reasons.")
            .Produces<IReadOnlyList<DowntimeDto>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGroup("/api/v1/downtime").RequireAuthorization(policy => policy.RequireRole(Roles.AtLeast(Roles.Operator)))
            .MapPost("/{id}/reason", ReclassifyAsync).WithName("ReclassifyDowntime")
            .WithSummary("Gives a downtime interval a reason (a code, with an optional text), or moves it to planned downtime.")
            .Produces<DowntimeReclassification>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static DowntimeDto ToDto(DowntimeInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return new DowntimeDto(
            interval.Id,
            interval.Equipment.Value,
            interval.State,
            interval.Category.ToString().ToLowerInvariant(),
            interval.Start,
            interval.End,
            interval.Open,
            interval.Lost.TotalSeconds,
            interval.Reason,
            interval.ReasonText,
            interval.Planned,
            interval.ReclassifiedBy);
    }

    private static async Task<IResult> ListAsync(string? under, string? from, string? to, int? limit, HttpContext context, OeeService service, PlantCatalog catalog, TimeProvider time)
    {
        if (OeeApi.TryScope(under, from, to, context, catalog, time, out var scope, out var start, out var end) is { } problem)
        {
            return problem;
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ApiErrors.BadRequest("oee_invalid", $"'limit' must be from 1 to {MaxLimit}");
        }

        var intervals = await service.DowntimeAsync(context.User.Tenant(), scope, start, end, limit ?? 200, context.RequestAborted);
        return Results.Ok(intervals.Select(ToDto).ToList());
    }

    private static async Task<IResult> ReclassifyAsync(string id, DowntimeReasonRequest? request, HttpContext context, DowntimeCommands commands)
    {
        var result = await commands.ReclassifyAsync(context.User, id, request?.Reason, request?.Text, request?.Planned ?? false, context.RequestAborted);
        return result.Outcome switch
        {
            ProductionCommandOutcome.Done => Results.Ok(result.Reclassification),
            ProductionCommandOutcome.NotFound => ApiErrors.NotFound(result.Reason!),
            ProductionCommandOutcome.Invalid => ApiErrors.BadRequest("oee_invalid", result.Reason!),
            ProductionCommandOutcome.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Reason),
            _ => ApiErrors.Conflict(result.Reason!),
        };
    }
}
