namespace Nightshift.Server.Api;

/// <summary>The body of <c>POST /api/v1/orders</c>: number, product, quantity, line (asset path) and due time (ISO-8601 with a zone).</summary>
public sealed record OrderCreateRequest(string? Number, string? Product, long? Quantity, string? Line, string? Due);
