using System.Security.Claims;

namespace Nightshift.Server.Identity;

/// <summary>Reads Nightshift's claims from a principal.</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's tenant. Every authenticated principal has one; throws <see cref="InvalidOperationException"/> otherwise.</summary>
    public static string Tenant(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirstValue(NightshiftClaims.Tenant) ?? throw new InvalidOperationException("The principal has no tenant claim.");
    }

    public static string Actor(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity?.Name ?? "anonymous";
    }
}
