namespace Nightshift.Server.Api;

/// <summary>An API key in API responses. <see cref="Key"/> (the secret) is only present in the response that created it.</summary>
public sealed record ApiKeyDto(int Id, string Name, string Role, DateTime Created, bool Revoked, string? Key = null);
