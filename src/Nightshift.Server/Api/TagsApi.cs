using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;
using Nightshift.Server.Twins;
using Nightshift.Twins.Equipment;

namespace Nightshift.Server.Api;

/// <summary>Tags with their latest values, and the history of one tag.</summary>
public static class TagsApi
{
    public const int DefaultMaxPoints = 1000;
    public const int MaxMaxPoints = 100_000;

    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/tags", GetTagsAsync)
            .WithName("GetTags")
            .WithSummary("Tags at or under an asset path with path, seriesId, unit, latest value, quality and timestamp.")
            .Produces<IReadOnlyList<TagDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        routes.MapGet("/api/v1/tags/{**tagPathAndVerb}", GetHistoryAsync)
            .WithName("GetTagHistory")
            .WithSummary("GET /api/v1/tags/{tagPath}/history?from=&to=&maxPoints=: decimated history (extremes kept) of one tag.")
            .Produces<HistoryResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> GetTagsAsync(string? under, HttpContext context, PlantCatalog catalog, TwinQueries twins, TagHistory history)
    {
        var tenant = context.User.Tenant();
        if (!AssetPath.TryParse(under, out var path, out var error))
        {
            return ApiErrors.BadRequest("bad_asset_path", error);
        }

        var model = catalog.Get(tenant);
        var snapshots = await twins.GetEquipmentUnderAsync(tenant, path, context.RequestAborted);
        var tags = new List<TagDto>();
        foreach (var snapshot in snapshots)
        {
            var equipment = AssetPath.Parse(snapshot.Path);
            var type = model?.FindType(model.Find(equipment)?.TypeName);
            var names = (type?.Tags.Select(t => t.Name) ?? []).Concat(snapshot.Tags.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var tagPath = new TagPath(equipment, name);
                var definition = type?.FindTag(name);
                snapshot.Tags.TryGetValue(name, out var latest);
                tags.Add(ToDto(tagPath, history.Find(tenant, tagPath)?.Id.Value, definition, latest));
            }
        }

        return Results.Ok(tags);
    }

    private static async Task<IResult> GetHistoryAsync(string tagPathAndVerb, string? from, string? to, int? maxPoints, HttpContext context, PlantCatalog catalog, TagHistory history, TimeProvider time)
    {
        const string verb = "/history";
        if (!tagPathAndVerb.EndsWith(verb, StringComparison.Ordinal))
        {
            return ApiErrors.NotFound("the only tag resource is /api/v1/tags/{tagPath}/history");
        }

        var tenant = context.User.Tenant();
        if (!TagPath.TryParse(tagPathAndVerb[..^verb.Length], out var tagPath, out var error))
        {
            return ApiErrors.BadRequest("bad_tag_path", error);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!QueryTime.TryParse(to, now, out var toUtc, out error) || !QueryTime.TryParse(from, toUtc.AddHours(-1), out var fromUtc, out error))
        {
            return ApiErrors.BadRequest("bad_time", error);
        }

        if (fromUtc >= toUtc)
        {
            return ApiErrors.BadRequest("bad_time_range", $"'from' ({fromUtc:O}) must be before 'to' ({toUtc:O})");
        }

        var points = maxPoints ?? DefaultMaxPoints;
        if (points is < 1 or > MaxMaxPoints)
        {
            return ApiErrors.BadRequest("bad_max_points", $"maxPoints must be between 1 and {MaxMaxPoints}, not {points}");
        }

        var series = history.Find(tenant, tagPath);
        if (series is null)
        {
            return ApiErrors.NotFound($"no tag '{tagPath}' with history in tenant '{tenant}'");
        }

        var samples = await history.TrendAsync(tenant, tagPath, fromUtc, toUtc, points, context.RequestAborted);
        var unit = catalog.TypeOf(tenant, tagPath.Asset)?.FindTag(tagPath.Tag)?.Unit;
        return Results.Ok(new HistoryResponse(
            tagPath.ToString(), series.Id.Value, unit, fromUtc, toUtc, points, samples.Select(s => new HistoryPoint(s.Timestamp, s.Value.ToObject(), s.Quality.ToString())).ToList()));
    }

    private static TagDto ToDto(TagPath path, int? seriesId, TagDefinition? definition, TagValue? latest) => new(
        path.ToString(),
        seriesId,
        definition?.Unit,
        definition?.DataType.ToString(),
        latest?.ToSampleValue().ToObject(),
        latest is null ? null : new Quality(latest.Quality).ToString(),
        latest?.Timestamp);
}
