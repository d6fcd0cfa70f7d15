namespace Nightshift.Server.Identity;

/// <summary>Claim types Nightshift puts on every authenticated principal (roles use <see cref="System.Security.Claims.ClaimTypes.Role"/>).</summary>
public static class NightshiftClaims
{
    public const string Tenant = "nightshift:tenant";

    /// <summary>"user" or "apikey".</summary>
    public const string Kind = "nightshift:kind";
}
