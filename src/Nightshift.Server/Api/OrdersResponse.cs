namespace Nightshift.Server.Api;

/// <summary>The answer of <c>GET /api/v1/orders</c>: the orders (newest due first) and the on-time delivery over the range.</summary>
public sealed record OrdersResponse(IReadOnlyList<OrderDto> Orders, OrderOnTimeDto OnTimeDelivery);
