namespace Nightshift.Server.Api;

/// <summary>The body of <c>POST /api/v1/api-keys</c>.</summary>
public sealed record CreateApiKeyRequest(string? Name, string? Role);
