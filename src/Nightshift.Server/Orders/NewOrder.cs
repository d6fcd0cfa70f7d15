namespace Nightshift.Server.Orders;

/// <summary>What an operator gives to create a production order; validated by <see cref="OrderService.CreateAsync"/>. Immutable.</summary>
public sealed record NewOrder(string? Number, string? Product, long? Quantity, string? Line, DateTime? Due);
