using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Assets;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Api;

/// <summary><c>GET /api/v1/assets?under={path}</c>: the caller's tenant's asset hierarchy with its types.</summary>
public static class AssetsApi
{
    public static IEndpointRouteBuilder MapAssetsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/assets", GetAssets)
            .WithName("GetAssets")
            .WithSummary("The asset hierarchy (site > area > line > cell > equipment) at or under a path, with the types it uses.")
            .Produces<AssetsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static IResult GetAssets(string? under, HttpContext context, PlantCatalog catalog)
    {
        var tenant = context.User.Tenant();
        if (!AssetPath.TryParse(under, out var path, out var error))
        {
            return ApiErrors.BadRequest("bad_asset_path", error);
        }

        var model = catalog.Get(tenant);
        IReadOnlyList<AssetNode> roots = model is null ? []
            : path.Depth == 0 ? model.Sites
            : model.Find(path) is { } node ? [node]
            : [];
        if (path.Depth > 0 && roots.Count == 0)
        {
            return ApiErrors.NotFound($"no asset '{path}' in tenant '{tenant}'");
        }

        var typeNames = roots.SelectMany(r => r.DescendantsAndSelf()).Select(n => n.TypeName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var types = model?.Types.Where(t => typeNames.Contains(t.Name)).Select(ToDto).ToList() ?? [];
        return Results.Ok(new AssetsResponse(tenant, roots.Select(ToDto).ToList(), types));
    }

    private static AssetDto ToDto(AssetNode node) => new(
        node.Path.Value, node.DisplayName, node.Kind.ToString(), node.TypeName, node.Source, node.TimeZone, node.Attributes, node.Children.Select(ToDto).ToList());

    private static AssetTypeDto ToDto(AssetType type) => new(
        type.Name,
        type.Description,
        type.StateModel.Name,
        type.StateModel.States.Select(s => s.Name).ToList(),
        type.Tags.Select(t => new TagDefinitionDto(t.Name, t.DataType.ToString(), t.Unit, t.Min, t.Max, t.Key)).ToList());
}
