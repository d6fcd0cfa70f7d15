using Nightshift.Core.Oee;
using Nightshift.Core.Orders;

namespace Nightshift.Server.Oee;

/// <summary>The loaded history of the equipment of one OEE query, with the products and the orders that ran. Immutable once built.</summary>
internal sealed record OeeScope(ProductionSettings Production, IReadOnlyList<EquipmentHistory> Equipment, IReadOnlyList<ProductionOrder> Orders, DateTime From, DateTime To)
{
    /// <summary>The plant's speed relative to the wall clock (see <see cref="OeeOptions"/>).</summary>
    public double PlantSpeed { get; init; } = 1;
}
