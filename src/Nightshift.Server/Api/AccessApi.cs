using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Api;

/// <summary>
/// Users and API keys of the caller's tenant: list, create, revoke. Admins only; every change is audited.
/// </summary>
public static class AccessApi
{
    public const int MinPasswordLength = UserDirectory.MinPasswordLength;
    public const int MaxNameLength = UserDirectory.MaxNameLength;

    public static IEndpointRouteBuilder MapAccessApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/v1").RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        admin.MapGet("/users", ListUsersAsync).WithName("ListUsers").WithSummary("The users of the tenant.").Produces<IReadOnlyList<UserDto>>();
        admin.MapPost("/users", CreateUserAsync).WithName("CreateUser").WithSummary("Creates a user with a role (viewer, operator, engineer, admin).")
            .Produces<UserDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/api-keys", ListApiKeysAsync).WithName("ListApiKeys").WithSummary("The API keys of the tenant, without their secrets.").Produces<IReadOnlyList<ApiKeyDto>>();
        admin.MapPost("/api-keys", CreateApiKeyAsync).WithName("CreateApiKey")
            .WithSummary("Creates an API key for scripts, devices and MQTT clients; the key is in this response only.")
            .Produces<ApiKeyDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/api-keys/{id:int}", RevokeApiKeyAsync).WithName("RevokeApiKey").WithSummary("Revokes an API key at once.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> ListUsersAsync(HttpContext context, UserDirectory users) =>
        Results.Ok((await users.ListUsersAsync(context.User.Tenant(), context.RequestAborted)).Select(u => new UserDto(u.UserName, u.Role, u.Created)).ToList());

    private static async Task<IResult> CreateUserAsync(CreateUserRequest? request, HttpContext context, UserDirectory users, AuditLog audit)
    {
        var tenant = context.User.Tenant();
        if (request is null || !UserDirectory.IsValidName(request.Username))
        {
            return ApiErrors.BadRequest("user_invalid", $"'username' must be 1 to {MaxNameLength} letters, digits, '.', '-' or '_'");
        }

        if (request.Password is not { Length: >= MinPasswordLength })
        {
            return ApiErrors.BadRequest("user_invalid", $"'password' must be at least {MinPasswordLength} characters long");
        }

        if (!Roles.IsValid(request.Role))
        {
            return ApiErrors.BadRequest("user_invalid", $"'role' must be one of {string.Join(", ", Roles.All)}");
        }

        if (await users.UserExistsAsync(tenant, request.Username!, context.RequestAborted))
        {
            return ApiErrors.Conflict($"user '{request.Username}' already exists");
        }

        var user = await users.CreateUserAsync(tenant, request.Username!, request.Password, request.Role!, context.RequestAborted);
        await audit.WriteAsync(tenant, context.User.Actor(), "user.create", $"{user.UserName} ({user.Role})", context.RequestAborted);
        return Results.Created("/api/v1/users", new UserDto(user.UserName, user.Role, user.Created));
    }

    private static async Task<IResult> ListApiKeysAsync(HttpContext context, UserDirectory users) =>
        Results.Ok((await users.ListApiKeysAsync(context.User.Tenant(), context.RequestAborted)).Select(k => new ApiKeyDto(k.Id, k.Name, k.Role, k.Created, k.Revoked)).ToList());

    private static async Task<IResult> CreateApiKeyAsync(CreateApiKeyRequest? request, HttpContext context, UserDirectory users, AuditLog audit)
    {
        var tenant = context.User.Tenant();
        if (request is null || !UserDirectory.IsValidName(request.Name))
        {
            return ApiErrors.BadRequest("apikey_invalid", $"'name' must be 1 to {MaxNameLength} letters, digits, '.', '-' or '_'");
        }

        if (!Roles.IsValid(request.Role))
        {
            return ApiErrors.BadRequest("apikey_invalid", $"'role' must be one of {string.Join(", ", Roles.All)}");
        }

        if (await users.ApiKeyExistsAsync(tenant, request.Name!, context.RequestAborted))
        {
            return ApiErrors.Conflict($"an API key named '{request.Name}' already exists");
        }

        var (key, secret) = await users.CreateApiKeyAsync(tenant, request.Name!, request.Role!, context.RequestAborted);
        await audit.WriteAsync(tenant, context.User.Actor(), "apikey.create", $"{key.Name} ({key.Role}, id {key.Id})", context.RequestAborted);
        return Results.Created($"/api/v1/api-keys/{key.Id}", new ApiKeyDto(key.Id, key.Name, key.Role, key.Created, key.Revoked, secret));
    }

    private static async Task<IResult> RevokeApiKeyAsync(int id, HttpContext context, UserDirectory users, AuditLog audit)
    {
        var tenant = context.User.Tenant();
        if (!await users.RevokeApiKeyAsync(tenant, id, context.RequestAborted))
        {
            return ApiErrors.NotFound($"no API key {id} in tenant '{tenant}'");
        }

        await audit.WriteAsync(tenant, context.User.Actor(), "apikey.revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture), context.RequestAborted);
        return Results.NoContent();
    }
}
