namespace Nightshift.Server.Api;

/// <summary>A bearer token; use it as <c>Authorization: Bearer {token}</c>. Expires after <see cref="ExpiresIn"/> seconds.</summary>
public sealed record TokenResponse(string Token, int ExpiresIn);
