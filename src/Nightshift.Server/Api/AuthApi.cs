using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Api;

/// <summary>Sign-in: bearer tokens for the API, and the cookie form post of the UI's login page.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .WithName("IssueToken")
            .WithSummary("Exchanges a user name and password for a bearer token.")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        routes.MapPost("/account/login", LoginAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost("/account/logout", LogoutAsync).DisableAntiforgery().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> IssueTokenAsync(TokenRequest? request, UserDirectory users, TokenService tokens, AuditLog audit, CancellationToken ct)
    {
        if (request is null || string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return ApiErrors.BadRequest("auth_missing_fields", "the body must be {\"username\": \"...\", \"password\": \"...\"}");
        }

        var identity = await users.CheckPasswordAsync(request.Username, request.Password, ct);
        if (identity is null)
        {
            IngestMetrics.ApiErrors.Add(1, new KeyValuePair<string, object?>("kind", "auth_refused"));
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "wrong user name or password");
        }

        await audit.WriteAsync(identity.Tenant, identity.Name, "auth.token", null, ct);
        return Results.Ok(new TokenResponse(tokens.Issue(identity), (int)TokenService.Lifetime.TotalSeconds));
    }

    private static async Task<IResult> LoginAsync(HttpContext context, UserDirectory users, AuditLog audit)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOrRoot(form["returnUrl"].ToString());
        var identity = await users.CheckPasswordAsync(form["username"].ToString(), form["password"].ToString(), context.RequestAborted);
        if (identity is null)
        {
            IngestMetrics.ApiErrors.Add(1, new KeyValuePair<string, object?>("kind", "auth_refused"));
            return Results.Redirect("/login?error=1&returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, identity.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        await audit.WriteAsync(identity.Tenant, identity.Name, "auth.login", null, context.RequestAborted);
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, AuditLog audit)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync(context.User.Tenant(), context.User.Actor(), "auth.logout", null, context.RequestAborted);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/login");
    }

    /// <summary>Only local paths are followed after login (no open redirect).</summary>
    private static string LocalOrRoot(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
