using Microsoft.AspNetCore.DataProtection;

namespace Nightshift.Server.Identity;

/// <summary>
/// Issues and checks bearer tokens for users (<c>POST /api/v1/auth/token</c>): the identity, protected and
/// time-limited with ASP.NET Core Data Protection, whose keys live in the data folder so tokens survive a restart.
/// </summary>
public sealed class TokenService
{
    public const string Prefix = "nst_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private readonly ITimeLimitedDataProtector _protector;

    public TokenService(IDataProtectionProvider provider)
    {
        _protector = provider.CreateProtector("Nightshift.BearerToken.v1").ToTimeLimitedDataProtector();
    }

    public string Issue(AuthenticatedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var payload = string.Join('\n', identity.Tenant, identity.Name, identity.Role, identity.Kind);
        return Prefix + _protector.Protect(payload, Lifetime);
    }

    /// <summary>The identity in a token, or null when it is malformed, forged or expired.</summary>
    public AuthenticatedIdentity? Check(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token[Prefix.Length..]).Split('\n');
            return parts.Length == 4 ? new AuthenticatedIdentity(parts[0], parts[1], parts[2], parts[3]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
