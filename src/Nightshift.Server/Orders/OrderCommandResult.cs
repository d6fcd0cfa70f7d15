using Nightshift.Core.Orders;
using Nightshift.Server.Oee;

namespace Nightshift.Server.Orders;

/// <summary>The outcome of a command on a production order: the order when done, else the reason it was not. Immutable.</summary>
public sealed record OrderCommandResult(ProductionCommandOutcome Outcome, ProductionOrder? Order, string? Reason);
