namespace Nightshift.Server.Api;

/// <summary>A user of the caller's tenant in API responses (never the password hash).</summary>
public sealed record UserDto(string Username, string Role, DateTime Created);
