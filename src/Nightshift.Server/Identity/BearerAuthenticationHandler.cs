using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Nightshift.Server.Identity;

/// <summary>
/// Authenticates machine clients: <c>Authorization: Bearer &lt;token or API key&gt;</c> and its InfluxDB 1.8+/2.x
/// spelling <c>Authorization: Token &lt;token or API key&gt;</c> on every route; for SignalR, <c>?access_token=</c> on
/// the hub path; and on the InfluxDB-compatible routes (<c>/write</c>, <c>/ping</c>) what InfluxDB 1.x clients and
/// Telegraf send: HTTP Basic or the <c>u</c> and <c>p</c> query parameters, whose password is an API key (any user
/// name), a token, or the user's own password. Tokens come from <see cref="TokenService"/>, keys and passwords are
/// checked by <see cref="UserDirectory"/>. On the InfluxDB routes refusals answer as InfluxDB does, with
/// <c>{"error":"..."}</c>. Thread-safe (one instance per request).
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens,
    UserDirectory users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>
    /// True when this scheme serves the request: it carries an Authorization header, is a hub request with an
    /// access_token, or is on an InfluxDB-compatible route (whose credentials and refusals only this scheme knows).
    /// </summary>
    public static bool HasCredential(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Authorization.Count > 0
            || (request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal) && request.Query.ContainsKey("access_token"))
            || IsInfluxRoute(request.Path);
    }

    /// <summary>True for the routes of the InfluxDB 1.x compatible API (<c>/write</c> and <c>/ping</c>).</summary>
    public static bool IsInfluxRoute(PathString path) =>
        path.Equals("/write", StringComparison.Ordinal) || path.Equals("/ping", StringComparison.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? credential = null;
        string? user = null;
        var influx = IsInfluxRoute(Request.Path);
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            credential = header["Bearer ".Length..].Trim();
        }
        else if (header.StartsWith("Token ", StringComparison.OrdinalIgnoreCase))
        {
            credential = header["Token ".Length..].Trim();
        }
        else if (influx && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryDecodeBasic(header["Basic ".Length..].Trim(), out user, out credential))
            {
                return AuthenticateResult.Fail("malformed Basic credentials");
            }
        }
        else if (Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal))
        {
            credential = Request.Query["access_token"].ToString();
        }
        else if (influx && header.Length == 0)
        {
            user = Request.Query["u"].ToString();
            credential = Request.Query["p"].ToString();
        }

        if (string.IsNullOrEmpty(credential))
        {
            return header.Length > 0
                ? AuthenticateResult.Fail(influx
                    ? "the Authorization header must be 'Bearer <key>', 'Token <key>' or 'Basic <user:password or key>'"
                    : "the Authorization header must be 'Bearer <token or API key>'")
                : AuthenticateResult.NoResult();
        }

        var identity = tokens.Check(credential)
            ?? await users.CheckApiKeyAsync(credential, Context.RequestAborted)
            ?? (string.IsNullOrEmpty(user) ? null : await users.CheckPasswordAsync(user, credential, Context.RequestAborted));
        return identity is null
            ? AuthenticateResult.Fail(user is null ? "invalid or expired token or API key" : "wrong user name, password or API key")
            : AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        IsInfluxRoute(Request.Path)
            ? WriteInfluxErrorAsync(StatusCodes.Status401Unauthorized, "authorization failed")
            : base.HandleChallengeAsync(properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        IsInfluxRoute(Request.Path)
            ? WriteInfluxErrorAsync(StatusCodes.Status403Forbidden, "forbidden: writing needs the operator role or above")
            : base.HandleForbiddenAsync(properties);

    private static bool TryDecodeBasic(string encoded, out string? user, out string? password)
    {
        user = null;
        password = null;
        var bytes = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        user = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }

    private async Task WriteInfluxErrorAsync(int status, string error)
    {
        Response.StatusCode = status;
        Response.ContentType = "application/json";
        await Response.WriteAsync("{\"error\":\"" + error + "\"}", Context.RequestAborted);
    }
}
