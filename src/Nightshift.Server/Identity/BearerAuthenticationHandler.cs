using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Nightshift.Server.Identity;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token or API key&gt;</c> (and, for SignalR, <c>?access_token=</c> on the
/// hub path): tokens from <see cref="TokenService"/> and API keys from <see cref="UserDirectory"/>.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens,
    UserDirectory users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>True when the request carries a bearer credential (header, or access_token on a hub).</summary>
    public static bool HasCredential(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Authorization.Count > 0
            || (request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal) && request.Query.ContainsKey("access_token"));
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? credential = null;
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            credential = header["Bearer ".Length..].Trim();
        }
        else if (Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal))
        {
            credential = Request.Query["access_token"].ToString();
        }

        if (string.IsNullOrEmpty(credential))
        {
            return header.Length > 0 ? AuthenticateResult.Fail("the Authorization header must be 'Bearer <token or API key>'") : AuthenticateResult.NoResult();
        }

        var identity = tokens.Check(credential) ?? await users.CheckApiKeyAsync(credential, Context.RequestAborted);
        return identity is null
            ? AuthenticateResult.Fail("invalid or expired token or API key")
            : AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(SchemeName), SchemeName));
    }
}
