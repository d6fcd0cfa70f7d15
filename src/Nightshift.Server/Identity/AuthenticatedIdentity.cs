using System.Security.Claims;

namespace Nightshift.Server.Identity;

/// <summary>Who a credential belongs to: a user or an API key of a tenant, with a role.</summary>
public sealed record AuthenticatedIdentity(string Tenant, string Name, string Role, string Kind)
{
    public ClaimsPrincipal ToPrincipal(string authenticationType) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, Name),
            new Claim(ClaimTypes.Role, Role),
            new Claim(NightshiftClaims.Tenant, Tenant),
            new Claim(NightshiftClaims.Kind, Kind),
        ],
        authenticationType,
        ClaimTypes.Name,
        ClaimTypes.Role));
}
