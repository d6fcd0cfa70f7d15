namespace Nightshift.Server.Api;

/// <summary>The body of <c>GET /api/v1/assets</c>: the hierarchy at or under a path, and the types it uses.</summary>
public sealed record AssetsResponse(string Tenant, IReadOnlyList<AssetDto> Assets, IReadOnlyList<AssetTypeDto> Types);
