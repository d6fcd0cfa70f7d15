using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Nightshift.Server.Api;

/// <summary><c>GET /healthz</c>: the only route without authentication.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => Results.Ok(new { status = "ok" }))
            .AllowAnonymous()
            .WithName("Health")
            .WithSummary("Liveness probe; no authentication.");
        return routes;
    }
}
