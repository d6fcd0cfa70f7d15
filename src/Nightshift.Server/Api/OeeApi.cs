using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Assets;
using Nightshift.Core.Oee;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;
using Nightshift.Server.Oee;

namespace Nightshift.Server.Api;

/// <summary>
/// OEE of the caller's tenant per ISO 22400: <c>GET /api/v1/oee?under=&amp;from=&amp;to=&amp;by=</c>, any role. The
/// figures are rolled up from the equipment by summing times and counts (see <see cref="OeeRollup"/>).
/// </summary>
public static class OeeApi
{
    public static IEndpointRouteBuilder MapOeeApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/oee", GetAsync).WithName("GetOee")
            .WithSummary("OEE (availability, performance, quality), ISO 22400 times, counts, MTBF/MTTR and losses by reason (Pareto) of the production equipment at or under 'under' over [from, to) (default: the last 24 hours), in total and by shift, day, order or equipment.")
            .Produces<OeeResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>Reads the query's scope and range: 'under' an asset of the tenant (root when empty), 'from' and 'to' ISO-8601 (default the last 24 hours).</summary>
    internal static IResult? TryScope(string? under, string? from, string? to, HttpContext context, PlantCatalog catalog, TimeProvider time, out AssetPath scope, out DateTime start, out DateTime end)
    {
        scope = AssetPath.Root;
        start = end = default;
        var now = time.GetUtcNow().UtcDateTime;
        if (!QueryTime.TryParse(to, now, out end, out var error) || !QueryTime.TryParse(from, end.AddDays(-1), out start, out error))
        {
            return ApiErrors.BadRequest("oee_invalid", error);
        }

        if (end <= start)
        {
            return ApiErrors.BadRequest("oee_invalid", "'to' must be after 'from'");
        }

        if (end - start > OeeService.MaxRange)
        {
            return ApiErrors.BadRequest("oee_invalid", $"the range may span at most {OeeService.MaxRange.TotalDays:0} days");
        }

        if (!AssetPath.TryParse(under, out var path, out error))
        {
            return ApiErrors.BadRequest("oee_invalid", error);
        }

        if (path.Depth > 0 && catalog.Get(context.User.Tenant())?.Find(path) is null)
        {
            return ApiErrors.NotFound($"no asset '{path}'");
        }

        scope = path;
        return null;
    }

    public static OeeFiguresDto ToDto(OeeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new OeeFiguresDto(
            result.Availability,
            result.Performance,
            result.Quality,
            result.Oee,
            result.PlannedBusyTime.TotalSeconds,
            result.ActualProductionTime.TotalSeconds,
            result.PlannedDowntime.TotalSeconds,
            result.UnplannedDowntime.TotalSeconds,
            result.SetupTime.TotalSeconds,
            result.IdealProductionTime.TotalSeconds,
            result.GoodQuantity,
            result.ScrapQuantity,
            result.Failures,
            result.MeanTimeBetweenFailures?.TotalSeconds,
            result.MeanTimeToRepair?.TotalSeconds,
            [.. result.Losses.Select(l => new OeeLossDto(KindName(l.Kind), l.Reason, l.ReasonText, l.Duration.TotalSeconds, l.Occurrences))]);
    }

    public static string KindName(OeeLossKind kind) => kind switch
    {
        OeeLossKind.Downtime => "downtime",
        OeeLossKind.Setup => "setup",
        OeeLossKind.Speed => "speed",
        _ => "quality",
    };

    private static async Task<IResult> GetAsync(string? under, string? from, string? to, string? by, HttpContext context, OeeService service, PlantCatalog catalog, TimeProvider time)
    {
        if (TryScope(under, from, to, context, catalog, time, out var scope, out var start, out var end) is { } problem)
        {
            return problem;
        }

        OeeGrouping? grouping = by switch
        {
            null or "" => OeeGrouping.None,
            "shift" => OeeGrouping.Shift,
            "day" => OeeGrouping.Day,
            "order" => OeeGrouping.Order,
            "equipment" => OeeGrouping.Equipment,
            _ => null,
        };
        if (grouping is null)
        {
            return ApiErrors.BadRequest("oee_invalid", "'by' must be shift, day, order or equipment");
        }

        var report = await service.ComputeAsync(context.User.Tenant(), scope, start, end, grouping.Value, context.RequestAborted);
        return Results.Ok(new OeeResponse(
            report.Under.Value,
            report.From,
            report.To,
            grouping == OeeGrouping.None ? "none" : grouping.Value.ToString().ToLowerInvariant(),
            report.Equipment,
            ToDto(report.Total),
            [.. report.Groups.Select(g => new OeeGroupDto(g.Key, g.Label, g.From, g.To, g.Equipment, ToDto(g.Result)))]));
    }
}
