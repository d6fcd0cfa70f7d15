namespace Nightshift.Server.Api;

/// <summary>The body of <c>POST /api/v1/users</c>.</summary>
public sealed record CreateUserRequest(string? Username, string? Password, string? Role);
